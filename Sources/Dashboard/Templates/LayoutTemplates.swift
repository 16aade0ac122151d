/// The page frame (header, navigation, notices), the error page and the generic confirmation page.
enum LayoutTemplates {
    static let layout = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light">
    <title>{{pageTitle}} · MCPEmails</title>
    <link rel="stylesheet" href="/assets/dashboard.css">
    <link rel="icon" href="data:,">
    <script src="/assets/dashboard.js" defer></script>
    </head>
    <body>
    <a class="skip" href="#main">Skip to content</a>
    <header class="top">
      <div class="top-inner">
        <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">@</span> MCPEmails</a>
        {{#signedIn}}
        <nav aria-label="Dashboard">
          <ul class="nav">
          {{#nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/nav}}
          </ul>
        </nav>
        <form method="post" action="/logout" class="signout">
          <input type="hidden" name="csrf_token" value="{{csrfToken}}">
          <a class="who" href="/account" title="{{workspaceName}} · {{plan}} plan · account settings">{{email}}</a>
          <button type="submit" class="button quiet small">Sign out</button>
        </form>
        {{/signedIn}}
        {{^signedIn}}
        <nav aria-label="Site"><ul class="nav"><li><a href="/docs">Docs</a></li><li><a href="/login">Sign in</a></li><li><a href="/signup">Sign up</a></li></ul></nav>
        {{/signedIn}}
      </div>
    </header>
    <main id="main" tabindex="-1">
    {{#notices}}<div class="notice {{kind}}" role="{{role}}">{{text}}</div>{{/notices}}
    {{$content}}{{/content}}
    </main>
    <footer class="foot"><p>MCPEmails · an email inbox for AI agents over MCP · <a href="/docs">Tool reference</a></p></footer>
    <div class="toast" role="status" aria-live="polite" id="copy-status"></div>
    </body>
    </html>
    """#

    static let error = #"""
    {{<layout}}{{$content}}
    <section class="panel narrow">
      <h1>{{heading}}</h1>
      <p>{{message}}</p>
      <p><a class="button" href="/">Back to the dashboard</a></p>
    </section>
    {{/content}}{{/layout}}
    """#

    /// Asks before an irreversible action; `action`, `heading`, `message`, `confirmLabel`, `cancel`.
    static let confirm = #"""
    {{<layout}}{{$content}}
    <section class="panel narrow">
      <h1>{{heading}}</h1>
      <p>{{message}}</p>
      {{#detail}}<p class="muted">{{detail}}</p>{{/detail}}
      <form method="post" action="{{action}}" class="actions">
        <input type="hidden" name="csrf_token" value="{{signedIn.csrfToken}}">
        <button type="submit" class="button danger">{{confirmLabel}}</button>
        <a class="button quiet" href="{{cancel}}">Cancel</a>
      </form>
    </section>
    {{/content}}{{/layout}}
    """#
}
