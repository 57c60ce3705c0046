// Suggestions under the header's search box while typing (an ARIA 1.2 combobox).
// Without JavaScript the box is a plain search form; nothing here is needed to search.
(function () {
  "use strict";
  var input = document.querySelector("[data-search-input]");
  if (!input) { return; }
  var list = document.getElementById(input.getAttribute("aria-controls"));
  var url = input.getAttribute("data-suggest-url");
  var faqLabel = list.getAttribute("data-faq-label") || "FAQ";
  var timer = null;
  var controller = null;
  var active = -1;
  var latest = "";

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var items = options();
    if (!items.length) { return; }
    active = (index + items.length) % items.length;
    items.forEach(function (item, i) { item.setAttribute("aria-selected", String(i === active)); });
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  function render(items) {
    list.replaceChildren();
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!items.length) { close(); return; }
    items.forEach(function (item, i) {
      var option = document.createElement("li");
      option.id = list.id + "-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var link = document.createElement("a");
      link.href = item.url;
      link.tabIndex = -1;
      link.textContent = item.title;  // text, never HTML
      if (item.type === "faq") {
        var badge = document.createElement("span");
        badge.className = "badge badge-team";
        badge.textContent = faqLabel;
        link.append(" ", badge);
      }
      option.append(link);
      list.append(option);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function fetchSuggestions(query) {
    if (controller) { controller.abort(); }
    controller = new AbortController();
    latest = query;
    fetch(url + "?q=" + encodeURIComponent(query), {
      headers: { "Accept": "application/json" },
      credentials: "same-origin",
      signal: controller.signal
    })
      .then(function (response) { return response.ok ? response.json() : { items: [] }; })
      .then(function (data) { if (query === latest) { render(data.items || []); } })
      .catch(function (error) { if (error.name !== "AbortError") { close(); } });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var query = input.value.trim();
    if (query.length < 2) { latest = ""; close(); return; }
    timer = setTimeout(function () { fetchSuggestions(query); }, 150);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (list.hidden) { return; }
      event.preventDefault();
      highlight(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.assign(options()[active].querySelector("a").href);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
    }
  });

  // A click on a suggestion must land before the list closes.
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  input.addEventListener("blur", close);
})();
