/// API keys: the list, the create form, and the once-only page with the new key.
enum KeyTemplates {
    static let list = #"""
    {{<layout}}{{$content}}
    <div class="page-head">
      <h1>API Keys</h1>
      <a class="button primary" href="/keys/new">Create key</a>
    </div>
    {{#hasKeys}}
    <div class="table-wrap">
    <table class="data">
      <caption class="visually-hidden">API keys of this workspace</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Scopes</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>
      {{#keys}}
      <tr id="key-{{id}}"{{#revoked}} class="revoked"{{/revoked}}>
        <th scope="row">{{name}}</th>
        <td><code>{{prefix}}…</code></td>
        <td>{{#scopes}}<span class="badge scope">{{.}}</span> {{/scopes}}</td>
        <td>{{created}}</td>
        <td>{{lastUsed}}</td>
        <td class="row-actions">{{#revoked}}<span class="badge muted-badge">Revoked {{revokedAt}}</span>{{/revoked}}{{^revoked}}<a class="button quiet small danger-text" href="/keys/{{id}}/revoke">Revoke</a>{{/revoked}}</td>
      </tr>
      {{/keys}}
      </tbody>
    </table>
    </div>
    {{/hasKeys}}
    {{^hasKeys}}
    <section class="empty">
      <h2>No API key yet</h2>
      <p>An API key is the bearer token your agent sends to <code>{{endpoint}}</code>. Choose what it may do: read mail, send mail, or both.</p>
      <a class="button primary" href="/keys/new">Create your first key</a>
    </section>
    {{/hasKeys}}
    {{/content}}{{/layout}}
    """#

    static let new = #"""
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Create an API key</h1><a class="button quiet" href="/keys">Back to keys</a></div>
    <section class="panel narrow">
      {{#error}}<p class="field-error form-error" role="alert">{{error}}</p>{{/error}}
      <form method="post" action="/keys">
        <input type="hidden" name="csrf_token" value="{{signedIn.csrfToken}}">
        <input type="hidden" name="form_token" value="{{formToken}}">
        <div class="field">
          <label for="key-name">Name</label>
          <input id="key-name" name="name" type="text" required maxlength="100" value="{{name}}" placeholder="support agent" aria-describedby="key-name-help" autofocus>
          <p class="help" id="key-name-help">For you: which agent uses this key.</p>
        </div>
        <fieldset>
          <legend>Scopes</legend>
          <div class="check"><input type="checkbox" id="scope-read" name="scopes" value="read:email"{{#readChecked}} checked{{/readChecked}}>
            <label for="scope-read"><code>read:email</code> — list_inbox, read_email, search_emails, get_delivery_status</label></div>
          <div class="check"><input type="checkbox" id="scope-send" name="scopes" value="send:email"{{#sendChecked}} checked{{/sendChecked}}>
            <label for="scope-send"><code>send:email</code> — send_email, reply_to_email</label></div>
        </fieldset>
        <button type="submit" class="button primary">Create key</button>
      </form>
    </section>
    {{/content}}{{/layout}}
    """#

    static let created = #"""
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Your new API key</h1></div>
    <section class="panel secret-panel" aria-labelledby="secret-heading">
      <h2 id="secret-heading">{{name}}</h2>
      <p class="notice warning" role="alert"><strong>Copy it now.</strong> This is the only time the key is shown: only a hash is stored, so nobody — not even you — can see it again. If you lose it, revoke it and create another.</p>
      <div class="copy-row big"><code id="new-key" class="secret">{{secret}}</code><button type="button" class="button small primary copy" data-copy="new-key" hidden>Copy key</button></div>
      <p class="muted">Scopes: {{#scopes}}<span class="badge scope">{{.}}</span> {{/scopes}}</p>
    </section>
    <section class="panel">
      <h2>Use it</h2>
      <p>Ready to paste, with this key filled in:</p>
      {{>client_snippets}}
    </section>
    <p><a class="button" href="/keys">Done — back to keys</a></p>
    {{/content}}{{/layout}}
    """#
}
