// Selection and a detail panel; the page works without this script.
(function () {
  "use strict";
  var panel = document.getElementById("detail");
  function text(tag, cls, s) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    e.textContent = s;
    return e;
  }
  function select(id) {
    var head = document.getElementById(id);
    if (!head || !head.dataset.rule) return;
    document.querySelectorAll(".selected, .current").forEach(function (e) {
      e.classList.remove("selected", "current");
    });
    head.classList.add("selected");
    document.querySelectorAll('[data-part-of="' + id + '"], [data-for="' + id + '"]').forEach(function (e) {
      e.classList.add("selected");
    });
    var nav = document.querySelector('.nav-finding[href="#' + id + '"]');
    if (nav) {
      nav.classList.add("current");
      nav.scrollIntoView({ block: "nearest" });
    }
    panel.replaceChildren();
    var close = text("button", "", "\u00d7");
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () { panel.hidden = true; });
    panel.append(close, text("strong", "", head.dataset.severity + " \u00b7 " + head.dataset.rule));
    panel.append(text("p", "", head.dataset.message));
    if (head.dataset.help) panel.append(text("p", "help", head.dataset.help));
    panel.className = "detail sev-" + head.dataset.severity;
    panel.hidden = false;
  }
  document.addEventListener("click", function (ev) {
    var mark = ev.target.closest("mark.finding");
    if (mark) {
      select(mark.id || mark.dataset.partOf);
      return;
    }
    var nav = ev.target.closest(".nav-finding");
    if (nav) select(nav.getAttribute("href").slice(1));
  });
  if (location.hash) select(location.hash.slice(1));
})();
