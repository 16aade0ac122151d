/// The dashboard's only script, served at `/assets/dashboard.js`: progressive copy buttons. Without
/// JavaScript the buttons stay hidden and the text remains selectable.
enum CopyScript {
    static let javascript = #"""
    (function () {
      "use strict";
      var status = document.getElementById("copy-status");
      function announce(text) {
        if (!status) { return; }
        status.textContent = text;
        status.classList.add("show");
        window.clearTimeout(announce.timer);
        announce.timer = window.setTimeout(function () { status.classList.remove("show"); }, 1800);
      }
      function fallbackCopy(text) {
        var area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        document.body.removeChild(area);
        return ok;
      }
      function copy(text, label) {
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { announce(label); },
            function () { announce(fallbackCopy(text) ? label : "Select the text and copy it"); });
        } else {
          announce(fallbackCopy(text) ? label : "Select the text and copy it");
        }
      }
      document.querySelectorAll("[data-copy]").forEach(function (button) { button.hidden = false; });
      document.addEventListener("click", function (event) {
        var button = event.target.closest ? event.target.closest("[data-copy]") : null;
        if (!button) { return; }
        var target = document.getElementById(button.getAttribute("data-copy"));
        if (!target) { return; }
        copy(target.textContent.trim(), "Copied to the clipboard");
      });
    })();
    """#
}
