/// Inboxes: the list, "Connect inbox" (Gmail, Outlook, IMAP form) and reconnect.
enum InboxTemplates {
    static let list = #"""
    {{<layout}}{{$content}}
    <div class="page-head">
      <h1>Inboxes</h1>
      <a class="button primary" href="/inboxes/new">Connect inbox</a>
    </div>
    {{#connected}}
    <section class="panel success-panel" aria-labelledby="connected-heading">
      <h2 id="connected-heading">Connected {{address}}</h2>
      <p>Give your agent this inbox ID:</p>
      <div class="copy-row"><code id="connected-id" class="secret">{{id}}</code><button type="button" class="button small copy" data-copy="connected-id" hidden>Copy</button></div>
      <p><a href="/?inbox={{id}}">See the quick start for this inbox →</a></p>
    </section>
    {{/connected}}
    {{#hasInboxes}}
    <ul class="cards" aria-label="Connected inboxes">
    {{#inboxes}}
      <li class="card inbox-card" id="inbox-{{id}}">
        <div class="card-head">
          <span class="provider provider-{{provider}}">{{providerLabel}}</span>
          <h2 class="card-title">{{address}}</h2>
          <span class="badge {{statusClass}}">{{statusLabel}}</span>
        </div>
        <div class="copy-row">
          <span class="label">Inbox ID</span>
          <code id="inbox-id-{{id}}">{{id}}</code>
          <button type="button" class="button small copy" data-copy="inbox-id-{{id}}" hidden aria-label="Copy the inbox ID of {{address}}">Copy</button>
        </div>
        <p class="muted small">Added {{created}}{{#server}} · {{server}}{{/server}}</p>
        <div class="actions">
          {{#needsReconnect}}<a class="button primary small" href="/inboxes/{{id}}/reconnect">Reconnect</a>{{/needsReconnect}}
          {{^needsReconnect}}<a class="button quiet small" href="/inboxes/{{id}}/reconnect">Update credentials</a>{{/needsReconnect}}
          <a class="button quiet small danger-text" href="/inboxes/{{id}}/remove">Remove</a>
        </div>
      </li>
    {{/inboxes}}
    </ul>
    {{/hasInboxes}}
    {{^hasInboxes}}
    <section class="empty">
      <h2>No inbox yet</h2>
      <p>Connect Gmail, Outlook or any IMAP/SMTP mailbox. Your agent then reads and sends mail through it with an API key.</p>
      <a class="button primary" href="/inboxes/new">Connect your first inbox</a>
    </section>
    {{/hasInboxes}}
    {{/content}}{{/layout}}
    """#

    static let new = #"""
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Connect an inbox</h1><a class="button quiet" href="/inboxes">Back to inboxes</a></div>
    <div class="grid three">
      {{#oauthProviders}}
      <section class="card provider-card">
        <h2><span class="provider provider-{{kind}}">{{label}}</span></h2>
        <p>{{description}}</p>
        {{#available}}
        <form method="post" action="/inboxes/connect/{{kind}}">
          <input type="hidden" name="csrf_token" value="{{signedIn.csrfToken}}">
          <button type="submit" class="button primary">Connect {{label}}</button>
        </form>
        {{/available}}
        {{^available}}<p class="muted small">Not configured on this server: the operator sets its OAuth client (README, “Connecting Gmail and Outlook”).</p>{{/available}}
      </section>
      {{/oauthProviders}}
      <section class="card provider-card">
        <h2><span class="provider provider-imap">IMAP / SMTP</span></h2>
        <p>Any mailbox with IMAP and SMTP access: Fastmail, iCloud, your own server. Use an app password where the provider offers one.</p>
        <a class="button quiet" href="#imap-form">Fill in the form below</a>
      </section>
    </div>
    <section class="panel" id="imap-form" aria-labelledby="imap-heading">
      <h2 id="imap-heading">IMAP / SMTP account</h2>
      {{>imap_form}}
    </section>
    {{/content}}{{/layout}}
    """#

    static let reconnect = #"""
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Reconnect {{inbox.address}}</h1><a class="button quiet" href="/inboxes">Back to inboxes</a></div>
    {{#inbox.needsReconnect}}<p class="notice error" role="alert">The provider refused this inbox's credentials. Tools answer <code>auth_failed</code> until it is reconnected.</p>{{/inbox.needsReconnect}}
    {{#oauth}}
    <section class="panel narrow">
      <p>Sign in to {{label}} again with <strong>{{inbox.address}}</strong>. The inbox keeps its ID, so agents need no change.</p>
      <form method="post" action="/inboxes/{{inbox.id}}/reconnect">
        <input type="hidden" name="csrf_token" value="{{signedIn.csrfToken}}">
        <button type="submit" class="button primary"{{^available}} disabled{{/available}}>Reconnect with {{label}}</button>
      </form>
      {{^available}}<p class="muted small">{{label}} is not configured on this server.</p>{{/available}}
    </section>
    {{/oauth}}
    {{#imap}}
    <section class="panel" id="imap-form">
      <p>Check the server settings and enter the password again. The inbox keeps its ID, so agents need no change.</p>
      {{>imap_form}}
    </section>
    {{/imap}}
    {{/content}}{{/layout}}
    """#

    /// The IMAP/SMTP form (new inbox and reconnect). `form.*` holds the values, `formAction`/`testAction` the targets.
    static let imapForm = #"""
    {{#result}}<div class="notice {{kind}}" role="{{role}}" id="imap-result"><strong>{{heading}}</strong><br>{{text}}</div>{{/result}}
    <form method="post" action="{{formAction}}" class="imap-form" autocomplete="off">
      <input type="hidden" name="csrf_token" value="{{signedIn.csrfToken}}">
      <fieldset>
        <legend>Mailbox</legend>
        <div class="grid two">
          <div class="field"><label for="imap-email">Email address</label>
            <input id="imap-email" name="email" type="email" required value="{{form.email}}"{{#form.lockEmail}} readonly{{/form.lockEmail}}></div>
          <div class="field"><label for="imap-username">Username</label>
            <input id="imap-username" name="username" type="text" required value="{{form.username}}" autocomplete="off" aria-describedby="imap-username-help">
            <p class="help" id="imap-username-help">Often the email address. Used for IMAP and SMTP.</p></div>
          <div class="field"><label for="imap-password">Password or app password</label>
            <input id="imap-password" name="password" type="password" required value="{{form.password}}" autocomplete="new-password" aria-describedby="imap-password-help">
            <p class="help" id="imap-password-help">Used for IMAP and SMTP; stored encrypted.</p></div>
        </div>
      </fieldset>
      <fieldset>
        <legend>Incoming mail (IMAP)</legend>
        <div class="grid three">
          <div class="field"><label for="imap-host">Host</label>
            <input id="imap-host" name="imap_host" type="text" required value="{{form.imapHost}}" placeholder="imap.example.com" autocomplete="off"></div>
          <div class="field"><label for="imap-port">Port</label>
            <input id="imap-port" name="imap_port" type="number" min="1" max="65535" required value="{{form.imapPort}}"></div>
          <div class="field"><label for="imap-security">Security</label>
            <select id="imap-security" name="imap_security">{{#form.imapSecurity}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/form.imapSecurity}}</select></div>
        </div>
      </fieldset>
      <fieldset>
        <legend>Outgoing mail (SMTP)</legend>
        <div class="grid three">
          <div class="field"><label for="smtp-host">Host</label>
            <input id="smtp-host" name="smtp_host" type="text" required value="{{form.smtpHost}}" placeholder="smtp.example.com" autocomplete="off"></div>
          <div class="field"><label for="smtp-port">Port</label>
            <input id="smtp-port" name="smtp_port" type="number" min="1" max="65535" required value="{{form.smtpPort}}"></div>
          <div class="field"><label for="smtp-security">Security</label>
            <select id="smtp-security" name="smtp_security">{{#form.smtpSecurity}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/form.smtpSecurity}}</select></div>
        </div>
      </fieldset>
      <details{{#form.hasTLSCA}} open{{/form.hasTLSCA}}>
        <summary>Self-hosted server with its own certificate authority</summary>
        <div class="field"><label for="tls-ca">Extra trusted CA (PEM)</label>
          <textarea id="tls-ca" name="tls_ca" rows="5" spellcheck="false" placeholder="-----BEGIN CERTIFICATE-----">{{form.tlsCA}}</textarea>
          <p class="help">Certificates and host names are always verified; this only adds a CA to trust.</p></div>
      </details>
      <div class="actions">
        <button type="submit" class="button quiet" formaction="{{testAction}}" id="imap-test">Test connection</button>
        <button type="submit" class="button primary" id="imap-save">{{saveLabel}}</button>
      </div>
      <p class="help">Saving logs in to both servers first; nothing is saved if either refuses.</p>
    </form>
    """#
}
