/// Team: members of the workspace and invite links (owners only).
enum TeamTemplates {
    static let page = #"""
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Team</h1><span class="muted">{{workspaceName}}</span></div>
    <section class="panel">
      <h2>Members</h2>
      <ul class="members">
      {{#members}}<li><span>{{email}}</span> <span class="badge">{{role}}</span> <span class="muted small">since {{created}}</span>{{#removable}} <a class="small" href="/team/members/{{id}}/remove">Remove</a>{{/removable}}</li>{{/members}}
      </ul>
    </section>
    <section class="panel">
      <h2>Invite someone</h2>
      {{#isOwner}}
      <p>An invite link lets one person create an account in this workspace. It works once and expires after {{inviteDays}} days.</p>
      <form method="post" action="/team/invites">
        <input type="hidden" name="csrf_token" value="{{signedIn.csrfToken}}">
        <button type="submit" class="button primary">Create invite link</button>
      </form>
      {{/isOwner}}
      {{^isOwner}}<p class="muted">Only the workspace owner can invite people.</p>{{/isOwner}}
    </section>
    {{/content}}{{/layout}}
    """#

    static let created = #"""
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Invite link</h1></div>
    <section class="panel secret-panel">
      <p class="notice warning" role="alert"><strong>Copy it now.</strong> The link is shown only this once. It works for one sign-up and expires {{expires}}.</p>
      <div class="copy-row big"><code id="invite-link" class="secret">{{link}}</code><button type="button" class="button small primary copy" data-copy="invite-link" hidden>Copy link</button></div>
    </section>
    <p><a class="button" href="/team">Back to team</a></p>
    {{/content}}{{/layout}}
    """#
}
