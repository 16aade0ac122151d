/// Docs: the tool reference (from the same definitions `tools/list` serves) and the error codes.
enum DocsTemplates {
    static let page = #"""
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Tool reference</h1></div>
    <p class="lead">All traffic goes to one Streamable HTTP endpoint: <code>POST {{endpoint}}</code> with <code>Authorization: Bearer &lt;api-key&gt;</code>. JSON-RPC 2.0 methods: <code>initialize</code>, <code>tools/list</code>, <code>tools/call</code>. Every tool takes an <code>inbox_id</code> UUID from Dashboard → Inboxes.</p>
    <nav class="toc" aria-label="Tools"><ul>{{#tools}}<li><a href="#tool-{{name}}"><code>{{name}}</code></a></li>{{/tools}}<li><a href="#errors">Error codes</a></li><li><a href="#limits">Rate limits &amp; quotas</a></li></ul></nav>
    {{#tools}}
    <section class="panel tool" id="tool-{{name}}" aria-labelledby="tool-{{name}}-heading">
      <h2 id="tool-{{name}}-heading"><code>{{name}}</code> <span class="badge scope">{{scope}}</span></h2>
      <p>{{description}}</p>
      <div class="table-wrap">
      <table class="data params">
        <caption class="visually-hidden">Parameters of {{name}}</caption>
        <thead><tr><th scope="col">Parameter</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead>
        <tbody>
        {{#parameters}}<tr><th scope="row"><code>{{name}}</code></th><td>{{type}}</td><td>{{#required}}<span class="badge req">required</span>{{/required}}{{^required}}optional{{/required}}</td><td>{{description}}{{#constraints}} <span class="muted small">{{constraints}}</span>{{/constraints}}</td></tr>{{/parameters}}
        </tbody>
      </table>
      </div>
      <details><summary>Input JSON Schema</summary><pre><code>{{schemaJSON}}</code></pre></details>
    </section>
    {{/tools}}
    <section class="panel" id="errors" aria-labelledby="errors-heading">
      <h2 id="errors-heading">Error codes &amp; retry guidance</h2>
      <p>Protocol errors are JSON-RPC error objects. Execution errors are normal results with <code>isError: true</code> and an <code>errorCode</code>.</p>
      <div class="table-wrap">
      <table class="data">
        <thead><tr><th scope="col">Code</th><th scope="col">Type</th><th scope="col">When it occurs</th><th scope="col">Retryable</th></tr></thead>
        <tbody>{{#errors}}<tr><th scope="row"><code>{{code}}</code></th><td>{{type}}</td><td>{{when}}</td><td>{{retry}}</td></tr>{{/errors}}</tbody>
      </table>
      </div>
    </section>
    <section class="panel" id="limits" aria-labelledby="limits-heading">
      <h2 id="limits-heading">Rate limits &amp; quotas</h2>
      <p><strong>Per key:</strong> {{limitsSummary}}, rolling windows. When exceeded the result is <code>rate_limit_exceeded</code> with <code>retryAfter</code> (seconds).</p>
      <p><strong>Sends per workspace per UTC day:</strong> {{sendQuotas}}. <strong>Tool calls per month:</strong> {{callQuotas}}.</p>
      <p>Use <code>retryAfter</code>; never retry sends blindly — after <code>provider_error</code>, check <code>get_delivery_status</code> first.</p>
    </section>
    {{/content}}{{/layout}}
    """#
}
