/// The quick start (the product's four steps for this deployment) and the client snippets partial.
enum QuickStartTemplates {
    /// `snippets`: `[{id, title, hint, text}]`.
    static let snippets = #"""
    <div class="snippets">
    {{#snippets}}
      <div class="snippet">
        <div class="snippet-head"><h3 id="{{id}}-title">{{title}}</h3><span class="muted small">{{hint}}</span>
          <button type="button" class="button small copy" data-copy="{{id}}" hidden aria-label="Copy the {{title}} snippet">Copy</button></div>
        <pre aria-labelledby="{{id}}-title"><code id="{{id}}">{{text}}</code></pre>
      </div>
    {{/snippets}}
    </div>
    """#

    static let page = #"""
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Quick start</h1></div>
    <p class="lead">Your agent has an inbox in four steps. This page fills in this server's address and your own IDs.</p>
    <ol class="steps">
      <li class="step{{#hasInbox}} done{{/hasInbox}}">
        <h2><span class="step-number" aria-hidden="true">01</span> Connect an inbox {{#hasInbox}}<span class="badge ok">Done</span>{{/hasInbox}}</h2>
        {{#hasInbox}}<p>{{inboxCount}} connected. <a href="/inboxes">Manage inboxes</a>.</p>{{/hasInbox}}
        {{^hasInbox}}<p>Dashboard → Inboxes → Connect Inbox: Gmail, Outlook or any IMAP account.</p><p><a class="button primary" href="/inboxes/new">Connect your inbox →</a></p>{{/hasInbox}}
      </li>
      <li class="step{{#hasKey}} done{{/hasKey}}">
        <h2><span class="step-number" aria-hidden="true">02</span> Create an API key {{#hasKey}}<span class="badge ok">Done</span>{{/hasKey}}</h2>
        <p>Give it a name and the scopes your agent needs (<code>read:email</code> and/or <code>send:email</code>). It is shown only once; it looks like <code>mcpe_live_AbCdEfGhIjKlMnOpQrStUvWxYz123456</code>.</p>
        {{#hasKey}}<p>{{keyCount}} active. <a href="/keys">Manage keys</a> · <a href="/keys/new">Create another</a>.</p>{{/hasKey}}
        {{^hasKey}}<p><a class="button primary" href="/keys/new">Create key →</a></p>{{/hasKey}}
      </li>
      <li class="step">
        <h2><span class="step-number" aria-hidden="true">03</span> Add MCPEmails to your agent</h2>
        <p>One URL, standard MCP over Streamable HTTP. Authenticate with <code>Authorization: Bearer &lt;api-key&gt;</code>.</p>
        <div class="copy-row big"><code id="endpoint-url">{{endpoint}}</code><button type="button" class="button small copy" data-copy="endpoint-url" hidden>Copy URL</button></div>
        <p class="muted small">Replace <code>mcpe_live_YOUR_KEY</code> with your key (the key's creation page shows these snippets with it filled in).</p>
        {{>client_snippets}}
      </li>
      <li class="step">
        <h2><span class="step-number" aria-hidden="true">04</span> Make your first call</h2>
        {{#hasInbox}}
        {{#manyInboxes}}<p class="small">Inbox: {{#inboxChoices}}{{#current}}<strong>{{address}}</strong>{{/current}}{{^current}}<a href="/?inbox={{id}}">{{address}}</a>{{/current}} {{/inboxChoices}}</p>{{/manyInboxes}}
        <p>Paste this into your agent's system prompt, then ask: “Check my inbox and summarise the last 5 unread messages.”</p>
        <div class="snippet">
          <div class="snippet-head"><h3 id="prompt-title">System prompt</h3><button type="button" class="button small copy" data-copy="system-prompt" hidden>Copy</button></div>
          <pre aria-labelledby="prompt-title"><code id="system-prompt">{{systemPrompt}}</code></pre>
        </div>
        {{/hasInbox}}
        {{^hasInbox}}<p>Once an inbox is connected, its ready-to-paste system prompt appears here.</p>{{/hasInbox}}
      </li>
    </ol>
    {{/content}}{{/layout}}
    """#
}
