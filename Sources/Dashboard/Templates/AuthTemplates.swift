/// Sign-in, sign-up and the invite page. Each posts with the pre-session CSRF token.
enum AuthTemplates {
    static let login = #"""
    {{<layout}}{{$content}}
    <section class="panel narrow auth">
      <h1>Sign in</h1>
      {{#error}}<p class="field-error form-error" role="alert" id="login-error">{{error}}</p>{{/error}}
      <form method="post" action="/login{{#next}}?next={{next}}{{/next}}" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field">
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required value="{{email}}" autofocus{{#error}} aria-describedby="login-error"{{/error}}>
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required>
        </div>
        <button type="submit" class="button primary wide">Sign in</button>
      </form>
      <p class="muted">New here? <a href="/signup">Create an account</a>.</p>
    </section>
    {{/content}}{{/layout}}
    """#

    static let signup = #"""
    {{<layout}}{{$content}}
    <section class="panel narrow auth">
      <h1>Create your account</h1>
      <p class="muted">You get a workspace on the Free plan: connect an inbox, create an API key, paste one URL.</p>
      {{#error}}<p class="field-error form-error" role="alert">{{error}}</p>{{/error}}
      <form method="post" action="/signup" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field">
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required value="{{email}}" autofocus>
        </div>
        {{>new_password}}
        <div class="field">
          <label for="workspace">Workspace name <span class="muted">(optional)</span></label>
          <input id="workspace" name="workspace" type="text" maxlength="100" value="{{workspace}}" autocomplete="organization">
        </div>
        <button type="submit" class="button primary wide">Create account</button>
      </form>
      <p class="muted">Already have an account? <a href="/login">Sign in</a>.</p>
    </section>
    {{/content}}{{/layout}}
    """#

    /// The new-password field of sign-up and invite sign-up, with the rules and the refusal reason.
    static let newPassword = #"""
    <div class="field">
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="new-password" required minlength="10" aria-describedby="password-help{{#passwordError}} password-error{{/passwordError}}"{{#passwordError}} aria-invalid="true"{{/passwordError}}>
      <p class="help" id="password-help">At least 10 characters; common and breached passwords are refused.</p>
      {{#passwordError}}<p class="field-error" id="password-error">{{passwordError}}</p>{{/passwordError}}
    </div>
    """#

    static let join = #"""
    {{<layout}}{{$content}}
    <section class="panel narrow auth">
      <h1>Join {{workspaceName}}</h1>
      <p class="muted">You were invited to this MCPEmails workspace. Create your account to join it.</p>
      {{#error}}<p class="field-error form-error" role="alert">{{error}}</p>{{/error}}
      <form method="post" action="/invite/{{token}}" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field">
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required value="{{email}}" autofocus>
        </div>
        {{>new_password}}
        <button type="submit" class="button primary wide">Join workspace</button>
      </form>
    </section>
    {{/content}}{{/layout}}
    """#
}
