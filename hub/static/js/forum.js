// Forum pages: Markdown preview, similar questions while asking, quoting, live replies.
// Every page works without this file; it only makes them quicker to use.
(function () {
  "use strict";

  function csrfToken(element) {
    var form = element.closest("form");
    var input = form && form.querySelector('input[name="csrf_token"]');
    return input ? input.value : "";
  }

  // --- Markdown editor: Write / Preview ---------------------------------------------------
  function setUpEditor(editor) {
    var modes = editor.querySelector("[data-editor-modes]");
    var textarea = editor.querySelector("textarea");
    var preview = editor.querySelector("[data-preview]");
    if (!modes || !textarea || !preview) { return; }
    modes.hidden = false;
    var buttons = modes.querySelectorAll("[data-mode]");

    function show(mode) {
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", button.dataset.mode === mode ? "true" : "false");
      });
      textarea.hidden = mode === "preview";
      preview.hidden = mode !== "preview";
    }

    function renderPreview() {
      preview.textContent = editor.dataset.previewLoading || "…";
      show("preview");
      fetch(editor.dataset.previewUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(editor) },
        body: JSON.stringify({ body: textarea.value })
      })
        .then(function (response) {
          return response.json().then(function (data) { return { ok: response.ok, data: data }; });
        })
        .then(function (result) {
          if (result.ok) {
            // Cooked and sanitised by the server (the same code that renders posts).
            preview.innerHTML = result.data.html || "";
            if (!textarea.value.trim()) { preview.textContent = editor.dataset.previewEmpty || ""; }
          } else {
            preview.textContent = (result.data.error && result.data.error.message) || "";
          }
        })
        .catch(function () { preview.textContent = editor.dataset.previewFailed || ""; });
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        if (button.dataset.mode === "preview") { renderPreview(); } else { show("write"); textarea.focus(); }
      });
    });
    // Posting from the preview still sends what was written.
    show("write");
  }
  document.querySelectorAll("[data-editor]").forEach(setUpEditor);

  // --- Similar questions while the title is typed -------------------------------------------
  function setUpSimilar(input) {
    var field = input.closest(".field");
    var box = field && field.querySelector("[data-similar]");
    var template = field && field.querySelector("[data-similar-template]");
    var solvedTemplate = field && field.querySelector("[data-solved-template]");
    if (!box || !template) { return; }
    var solvedText = solvedTemplate ? solvedTemplate.content.textContent.trim() : "solved";
    var timer = null;
    var asked = 0;

    function render(items) {
      box.textContent = "";
      if (!items.length) { return; }
      var fragment = template.content.cloneNode(true);
      var list = fragment.querySelector("ul");
      items.forEach(function (item) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = item.url;
        link.textContent = item.title;
        link.target = "_blank";
        link.rel = "noopener";
        if (item.solved && item.kind !== "faq") {  // an FAQ entry says "FAQ" in its category
          var badge = document.createElement("span");
          badge.className = "badge badge-solved";
          badge.textContent = "✓ " + solvedText;
          li.appendChild(badge);
          li.appendChild(document.createTextNode(" "));
        }
        li.appendChild(link);
        var where = document.createElement("span");
        where.className = "muted";
        where.textContent = " · " + item.category;
        li.appendChild(where);
        list.appendChild(li);
      });
      box.appendChild(fragment);
    }

    function lookUp() {
      var title = input.value.trim();
      var mine = ++asked;
      if (title.length < 5) { render([]); return; }
      fetch(input.dataset.similarUrl + "?title=" + encodeURIComponent(title), {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (items) { if (mine === asked) { render(items.slice(0, 5)); } })
        .catch(function () { /* suggestions are a nicety: stay quiet */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(lookUp, 300);
    });
    if (input.value.trim()) { lookUp(); }
  }
  document.querySelectorAll("[data-similar-url]").forEach(setUpSimilar);

  // --- Quote: `> text` and a mention into the reply box -------------------------------------
  var replyBox = document.querySelector("[data-reply-form] textarea");

  function quoteOf(post, username) {
    var body = post.querySelector(".post-body");
    var selection = window.getSelection ? String(window.getSelection()) : "";
    var selected = selection && body && window.getSelection().containsNode(body, true);
    var text = (selected ? selection : (body ? body.innerText : "")).trim();
    if (text.length > 500) { text = text.slice(0, 499).replace(/\s+\S*$/, "") + "…"; }
    var quoted = text.split(/\n+/).map(function (line) { return "> " + line; }).join("\n");
    return "@" + username + " " + (replyBox.form.dataset.wrote || "wrote:") + "\n" + quoted + "\n\n";
  }

  if (replyBox) {
    document.addEventListener("click", function (event) {
      var link = event.target.closest("a.quote[data-quote]");
      if (!link) { return; }
      var post = link.closest("article.post");
      if (!post) { return; }
      event.preventDefault();
      var quote = quoteOf(post, link.dataset.quote);
      var before = replyBox.value.replace(/\s+$/, "");
      replyBox.value = (before ? before + "\n\n" : "") + quote;
      var editor = replyBox.closest("[data-editor]");
      var write = editor && editor.querySelector('[data-mode="write"]');
      if (write) { write.click(); }
      replyBox.focus();
      replyBox.setSelectionRange(replyBox.value.length, replyBox.value.length);
    });
  }

  // --- Live replies -----------------------------------------------------------------------
  var topic = document.querySelector(".topic[data-topic-id]");
  if (!topic) { return; }
  // The Socket.IO client may already be on the page (the notification bell uses it).
  if (typeof window.io === "function") {
    startLive(topic);
  } else if (topic.dataset.socketScript) {
    var script = document.createElement("script");
    script.src = topic.dataset.socketScript;
    script.onload = function () { startLive(topic); };
    document.head.appendChild(script);
  }

  function startLive(topic) {
    var list = topic.querySelector("[data-post-list]");
    var bar = topic.querySelector("[data-new-replies]");
    var status = topic.querySelector("[data-live-status]");
    var onLastPage = topic.dataset.onLastPage === "true";
    var lastNumber = parseInt(topic.dataset.lastNumber, 10) || 1;
    var pending = [];  // {number, url} of replies announced but not shown yet
    var loading = false;

    function nearBottom() {
      return list.getBoundingClientRect().bottom <= window.innerHeight + 250;
    }

    function say(template, count) {
      return template.replace("{n}", String(count));
    }

    function showBar() {
      if (!pending.length) { bar.hidden = true; return; }
      var text = pending.length === 1 ? bar.dataset.one : bar.dataset.many;
      bar.textContent = say(text || "{n} new replies", pending.length);
      bar.hidden = false;
    }

    function append(data, focusFirst) {
      var empty = list.querySelector("[data-no-replies]");
      if (empty && data.fragment.trim()) { empty.remove(); }
      var marker = list.lastElementChild;
      list.insertAdjacentHTML("beforeend", data.fragment);
      lastNumber = Math.max(lastNumber, data.last);
      pending = pending.filter(function (item) { return item.number > lastNumber; });
      showBar();
      var first = marker ? marker.nextElementSibling : list.firstElementChild;
      if (first && focusFirst) {
        first.setAttribute("tabindex", "-1");
        first.focus();
      }
      if (status && data.posts.length) {
        status.textContent = say(data.posts.length === 1 ? status.dataset.one : status.dataset.many,
          data.posts.length);
      }
    }

    // Ask the database what came after the last reply we have: events are only a hint.
    function catchUp(options) {
      if (loading) { return; }
      loading = true;
      fetch(topic.dataset.postsUrl + "?after=" + lastNumber, {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          loading = false;
          if (!data || !data.posts.length) { return; }
          if (onLastPage && !data.more && (options.show || nearBottom())) {
            append(data, options.show);
          } else {
            data.posts.forEach(function (post) {
              if (!pending.some(function (item) { return item.number === post.number; })) {
                pending.push({ number: post.number, url: post.url });
              }
            });
            if (!onLastPage || data.more) { lastNumber = Math.max(lastNumber, data.last); }
            showBar();
          }
        })
        .catch(function () { loading = false; });
    }

    bar.addEventListener("click", function () {
      if (onLastPage && pending.length < 50) {
        catchUp({ show: true });
      } else if (pending.length) {
        window.location.href = pending[0].url;
      }
    });

    // One connection per page: Socket.IO opens a new one each time a namespace is asked again.
    var socket = window.hubSocket || (window.hubSocket = window.io("/live"));
    var connectedBefore = false;
    socket.on("connect", function () {
      socket.emit("join", { room: "topic:" + topic.dataset.topicId }, function (ack) {
        topic.dataset.live = ack && ack.ok ? "on" : "off";
      });
      if (connectedBefore) { catchUp({ show: false }); }
      connectedBefore = true;
    });
    socket.on("disconnect", function () { topic.dataset.live = "off"; });
    socket.on("post", function (event) {
      if (!event || String(event.topic_id) !== topic.dataset.topicId || !event.post) { return; }
      var number = event.post.number;
      if (number <= lastNumber || pending.some(function (item) { return item.number === number; })) {
        return;
      }
      if (onLastPage && nearBottom()) {
        catchUp({ show: false });
      } else {
        pending.push({ number: number, url: event.post.url });
        showBar();
      }
    });
  }
})();
