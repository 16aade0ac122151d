/// Account: who is signed in, change password, and leave (members) or delete (owner) the workspace.
enum AccountTemplates {
    static let page = #"""
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Account</h1><span class="muted">{{email}} · {{role}} of {{workspaceName}}</span></div>
    <section class="panel narrow">
      <h2>Change password</h2>
      <p class="muted">Other browsers signed in as you are signed out; this one stays signed in.</p>
      {{#error}}<p class="field-error form-error" role="alert">{{error}}</p>{{/error}}
      <form method="post" action="/account/password">
        <input type="hidden" name="csrf_token" value="{{signedIn.csrfToken}}">
        <div class="field">
          <label for="current-password">Current password</label>
          <input id="current-password" name="current_password" type="password" autocomplete="current-password" required>
        </div>
        <div class="field">
          <label for="password">New password</label>
          <input id="password" name="password" type="password" autocomplete="new-password" required minlength="10" aria-describedby="password-help{{#passwordError}} password-error{{/passwordError}}"{{#passwordError}} aria-invalid="true"{{/passwordError}}>
          <p class="help" id="password-help">At least 10 characters; common and breached passwords are refused.</p>
          {{#passwordError}}<p class="field-error" id="password-error">{{passwordError}}</p>{{/passwordError}}
        </div>
        <button type="submit" class="button primary">Change password</button>
      </form>
    </section>
    {{#isMember}}
    <section class="panel narrow">
      <h2>Leave workspace</h2>
      <p>Your account is deleted and you are signed out. The workspace, its keys and inboxes stay.</p>
      <a class="button danger" href="/account/leave">Leave {{workspaceName}}</a>
    </section>
    {{/isMember}}
    {{^isMember}}
    <section class="panel narrow danger-zone">
      <h2>Delete workspace</h2>
      <p>Deletes {{workspaceName}} and everything in it: API keys (agents get 401 at once), inboxes and their stored
      credentials, members, the send record and the activity log. The mailboxes themselves are not touched. This cannot be undone.</p>
      {{#deleteError}}<p class="field-error form-error" role="alert">{{deleteError}}</p>{{/deleteError}}
      <form method="post" action="/account/delete-workspace">
        <input type="hidden" name="csrf_token" value="{{signedIn.csrfToken}}">
        <div class="field">
          <label for="confirm-name">Type the workspace name to confirm</label>
          <input id="confirm-name" name="confirm_name" type="text" required autocomplete="off">
        </div>
        <button type="submit" class="button danger">Delete workspace</button>
      </form>
    </section>
    {{/isMember}}
    {{/content}}{{/layout}}
    """#
}
