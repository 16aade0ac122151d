/// Usage: quotas against the plan, per-key rate windows, rejections, and the 30-day chart.
enum UsageTemplates {
    static let page = #"""
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Usage</h1><span class="badge plan">{{planLabel}} plan</span></div>
    <div class="grid two">
      {{#meters}}
      <section class="card meter-card" aria-labelledby="meter-{{id}}">
        <h2 id="meter-{{id}}">{{title}}</h2>
        <p class="big-number">{{used}} <span class="muted">/ {{limit}}</span></p>
        {{#hasLimit}}<meter id="meter-{{id}}-bar" min="0" max="{{max}}" value="{{value}}" low="{{low}}" high="{{high}}" optimum="0" aria-labelledby="meter-{{id}}">{{used}} of {{limit}}</meter>{{/hasLimit}}
        <p class="muted small">{{note}}</p>
      </section>
      {{/meters}}
    </div>
    <section class="panel" aria-labelledby="chart-heading">
      <h2 id="chart-heading">Tool calls per day, last 30 days</h2>
      <p class="muted small">{{chartTotal}}, {{chartErrors}} with an error code. Days are UTC.</p>
      {{{chartSVG}}}
    </section>
    <section class="panel" aria-labelledby="keys-heading">
      <h2 id="keys-heading">Requests per key</h2>
      <p class="muted small">Rate limits per key, rolling windows: {{limitsSummary}}. Rejections are refused requests (<code>rate_limit_exceeded</code>).</p>
      {{#hasKeys}}
      <div class="table-wrap">
      <table class="data">
        <thead><tr><th scope="col">Key</th>{{#windowHeads}}<th scope="col">{{.}}</th>{{/windowHeads}}<th scope="col">Rejected today</th></tr></thead>
        <tbody>
        {{#keys}}<tr><th scope="row">{{name}} <code class="small">{{prefix}}…</code></th>{{#windows}}<td>{{count}} <span class="muted">/ {{limit}}</span></td>{{/windows}}<td>{{rejections}}</td></tr>{{/keys}}
        </tbody>
      </table>
      </div>
      {{/hasKeys}}
      {{^hasKeys}}<p class="empty-inline">No active key. <a href="/keys/new">Create one</a> to see its requests here.</p>{{/hasKeys}}
      <p class="small">Rate-limit rejections recorded in the activity log over 30 days: <strong>{{rateRejections30d}}</strong>{{#hasRateRejections}} · <a href="/activity?outcome=rate_limit_exceeded">see them</a>{{/hasRateRejections}}.</p>
    </section>
    {{/content}}{{/layout}}
    """#
}
