/// Activity: the audit log with filters and paging.
enum ActivityTemplates {
    static let page = #"""
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Activity</h1></div>
    <form method="get" action="/activity" class="filters" aria-label="Filter activity">
      <div class="field"><label for="f-key">Key</label>
        <select id="f-key" name="key"><option value="">All keys</option>{{#keyOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/keyOptions}}</select></div>
      <div class="field"><label for="f-inbox">Inbox</label>
        <select id="f-inbox" name="inbox"><option value="">All inboxes</option>{{#inboxOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/inboxOptions}}</select></div>
      <div class="field"><label for="f-tool">Tool</label>
        <select id="f-tool" name="tool"><option value="">All tools</option>{{#toolOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/toolOptions}}</select></div>
      <div class="field"><label for="f-outcome">Outcome</label>
        <select id="f-outcome" name="outcome"><option value="">All outcomes</option>{{#outcomeOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/outcomeOptions}}</select></div>
      <div class="filter-actions"><button type="submit" class="button">Filter</button>{{#filtered}}<a class="button quiet" href="/activity">Clear</a>{{/filtered}}</div>
    </form>
    {{#hasEntries}}
    <div class="table-wrap">
    <table class="data" id="activity-table">
      <caption class="visually-hidden">Tool calls, newest first</caption>
      <thead><tr><th scope="col">Time (UTC)</th><th scope="col">Key</th><th scope="col">Inbox</th><th scope="col">Tool</th><th scope="col">Outcome</th><th scope="col" class="num">Latency</th></tr></thead>
      <tbody>
      {{#entries}}
      <tr><td class="nowrap">{{time}}</td><td>{{key}}</td><td>{{inbox}}</td><td><code>{{tool}}</code></td><td><span class="badge {{outcomeClass}}">{{outcome}}</span></td><td class="num">{{latency}} ms</td></tr>
      {{/entries}}
      </tbody>
    </table>
    </div>
    <nav class="pager" aria-label="Pages">
      {{#newerURL}}<a class="button quiet" href="{{newerURL}}" rel="prev">← Newer</a>{{/newerURL}}
      <span class="muted small">Page {{pageNumber}}</span>
      {{#olderURL}}<a class="button quiet" href="{{olderURL}}" rel="next">Older →</a>{{/olderURL}}
    </nav>
    {{/hasEntries}}
    {{^hasEntries}}
    <section class="empty">
      {{#filtered}}<h2>Nothing matches these filters</h2><p><a href="/activity">Clear the filters</a> to see every call.</p>{{/filtered}}
      {{^filtered}}<h2>No activity yet</h2><p>Every tool call your agents make appears here: time, key, inbox, tool, outcome and latency. <a href="/">See the quick start</a> to make the first one.</p>{{/filtered}}
    </section>
    {{/hasEntries}}
    {{/content}}{{/layout}}
    """#
}
