// What people can do to a chat message, over the page's one Socket.IO connection (chat.js):
// authors edit (inline) and delete their own message within the edit window; members report
// others' messages; moderators delete with a reason and mute the author in the room; the team
// proposes to turn a member's question on the private line into a public question, and the
// member agrees or declines. The hub checks every action again; its error is shown in place.
(function () {
  "use strict";
  var chat = window.hubChat;
  var config = document.querySelector("[data-chat-actions]");
  if (!chat || !config) {
    return;
  }
  var socket = chat.socket;
  var log = chat.root.querySelector("[data-chat-log]");
  var me = config.getAttribute("data-me");
  var editSeconds = parseInt(config.getAttribute("data-edit-seconds"), 10) || 300;
  var moderator = config.getAttribute("data-moderate") === "yes";
  var converter = config.getAttribute("data-convert") === "yes";
  var label = function (name) { return config.getAttribute("data-label-" + name) || ""; };

  function template(name) {
    var source = config.querySelector('template[data-template="' + name + '"]');
    return source.content.firstElementChild.cloneNode(true);
  }

  function button(text, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "link-button";
    element.textContent = text;
    element.addEventListener("click", onClick);
    return element;
  }

  // One socket call with a clear answer: a timeout or an error ack shows in `errorLine`.
  function call(event, data, errorLine, done) {
    errorLine.hidden = true;
    socket.timeout(10000).emit(event, data, function (err, reply) {
      if (err || !reply) {
        errorLine.textContent = label("offline");
        errorLine.hidden = false;
      } else if (!reply.ok) {
        errorLine.textContent = reply.error.message;
        errorLine.hidden = false;
      } else {
        done(reply);
      }
    });
  }

  function withinWindow(item) {
    var created = Date.parse(item.getAttribute("data-created-at"));
    return !isNaN(created) && Date.now() - created < editSeconds * 1000;
  }

  // --- panels under a message -------------------------------------------------------------

  function closePanel(item, focusBack) {
    var open = item.querySelector(".chat-panel");
    if (open) { open.remove(); }
    if (focusBack) { focusBack.focus(); }
  }

  function openPanel(item, panel, opener) {
    closePanel(item);
    item.appendChild(panel);
    var cancel = panel.querySelector("[data-action-cancel]");
    var close = function () { closePanel(item, opener); };
    if (cancel) { cancel.addEventListener("click", close); }
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { close(); }
    });
    var first = panel.querySelector("input:not([type=hidden]), textarea, select, button");
    if (first) { first.focus(); }
    return panel;
  }

  function onSubmit(panel, handler) {
    panel.addEventListener("submit", function (event) {
      event.preventDefault();
      handler(panel.querySelector("[data-action-error]"));
    });
  }

  function messageId(item) { return parseInt(item.getAttribute("data-message-id"), 10); }

  function edit(item, opener) {
    var panel = openPanel(item, template("edit"), opener);
    var body = item.querySelector(".chat-body");
    var field = panel.querySelector("textarea");
    field.value = item.getAttribute("data-raw") || (body ? body.textContent.trim() : "");
    field.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        panel.requestSubmit();
      }
    });
    onSubmit(panel, function (errorLine) {
      call("edit", { id: messageId(item), body: field.value }, errorLine, function (reply) {
        chat.render(reply.message);
      });
    });
  }

  function remove(item, opener) {
    var panel = openPanel(item, template("delete"), opener);
    onSubmit(panel, function (errorLine) {
      call("delete", { id: messageId(item) }, errorLine, function (reply) {
        chat.render(reply.message);
      });
    });
  }

  function report(item, opener) {
    var panel = openPanel(item, template("report"), opener);
    onSubmit(panel, function (errorLine) {
      var reason = panel.querySelector("input[name=reason]:checked");
      var data = { id: messageId(item), reason: reason ? reason.value : "", note: panel.elements.note.value };
      call("report", data, errorLine, function () {
        panel.textContent = "";
        var thanks = document.createElement("p");
        thanks.setAttribute("role", "status");
        thanks.textContent = label("reported");
        panel.appendChild(thanks);
        opener.remove();
      });
    });
  }

  function moderateDelete(item, opener) {
    var panel = openPanel(item, template("moderate-delete"), opener);
    onSubmit(panel, function (errorLine) {
      var data = { id: messageId(item), reason: panel.elements.reason.value };
      call("delete", data, errorLine, function (reply) { chat.render(reply.message); });
    });
  }

  function mute(item, opener) {
    var panel = openPanel(item, template("mute"), opener);
    var choice = panel.elements.minutes;
    var custom = panel.querySelector("[data-custom]");
    choice.addEventListener("change", function () {
      custom.hidden = choice.value !== "custom";
      panel.elements.custom.required = !custom.hidden;
    });
    onSubmit(panel, function (errorLine) {
      var minutes = choice.value === "custom" ? panel.elements.custom.value : choice.value;
      var data = {
        room: chat.slug,
        username: item.getAttribute("data-author"),
        minutes: parseInt(minutes, 10) || 0,
        reason: panel.elements.reason.value
      };
      call("mute", data, errorLine, function (reply) {
        panel.textContent = "";
        var done = document.createElement("p");
        done.setAttribute("role", "status");
        done.textContent = label("muted-done").replace("{until}", new Date(reply.muted_until).toLocaleString([], { dateStyle: "short", timeStyle: "short" }));
        panel.appendChild(done);
      });
    });
  }

  // The team's answer to a question: the next message of a team member after it.
  function answerTo(item) {
    for (var next = item.nextElementSibling; next; next = next.nextElementSibling) {
      if (next.getAttribute("data-author-staff") === "yes" && !next.hasAttribute("data-deleted")) {
        return next;
      }
    }
    return null;
  }

  function convert(item, opener) {
    var panel = openPanel(item, template("convert"), opener);
    var answer = answerTo(item);
    var errorLine = panel.querySelector("[data-action-error]");
    var text = function (element) {
      return element.getAttribute("data-raw") || element.querySelector(".chat-body").textContent.trim();
    };
    panel.elements.question.value = text(item);
    if (answer) {
      panel.elements.answer.value = text(answer);
    } else {
      errorLine.textContent = label("no-answer");
      errorLine.hidden = false;
    }
    onSubmit(panel, function (line) {
      if (!answer) { return; }
      var data = {
        question_id: messageId(item),
        answer_id: messageId(answer),
        category: panel.elements.category.value,
        title: panel.elements.title.value,
        question: panel.elements.question.value,
        answer: panel.elements.answer.value
      };
      call("convert", data, line, function () {
        panel.textContent = "";
        var done = document.createElement("p");
        done.setAttribute("role", "status");
        done.textContent = label("proposed");
        panel.appendChild(done);
      });
    });
  }

  // --- the buttons of one message ---------------------------------------------------------

  function addActions(item) {
    var old = item.querySelector(".chat-actions");
    if (old) { old.remove(); }
    if (item.hasAttribute("data-deleted")) { return; }
    var own = item.getAttribute("data-author-id") === me;
    var bar = document.createElement("div");
    bar.className = "chat-actions";
    var add = function (name, action) {
      var element = button(label(name), function () { action(item, element); });
      element.setAttribute("data-action", name);
      bar.appendChild(element);
    };
    if (own && withinWindow(item)) {
      add("edit", edit);
      add("delete", remove);
    }
    if (!own) {
      add("report", report);
      if (moderator) {
        add("moderate-delete", moderateDelete);
        if (item.getAttribute("data-author-staff") !== "yes") { add("mute", mute); }
      }
      if (converter && item.getAttribute("data-author-staff") !== "yes") { add("convert", convert); }
    }
    if (bar.children.length) { item.appendChild(bar); }
  }

  Array.prototype.forEach.call(log.querySelectorAll("[data-message-id]"), addActions);
  log.addEventListener("chat:message", function (event) { addActions(event.target); });
  // Own messages lose Edit and Delete when the window closes (the hub refuses them after).
  window.setInterval(function () {
    Array.prototype.forEach.call(log.querySelectorAll('[data-author-id="' + me + '"]'), function (item) {
      if (item.querySelector('[data-action="edit"]') && !withinWindow(item) && !item.querySelector(".chat-panel")) {
        addActions(item);
      }
    });
  }, 15000);

  // --- the member's consent to a proposal -------------------------------------------------

  var proposals = chat.root.querySelector("[data-chat-proposals]");
  if (!proposals) { return; }

  function showProposal(proposal) {
    if (proposal.status !== "proposed" || proposals.querySelector('[data-proposal-id="' + proposal.id + '"]')) { return; }
    var card = template("proposal");
    card.setAttribute("data-proposal-id", String(proposal.id));
    ["title", "question", "answer"].forEach(function (name) {
      card.querySelector('[data-field="' + name + '"]').textContent = proposal[name];
    });
    card.querySelector('[data-field="expert"]').textContent = proposal.expert.display_name;
    var errorLine = card.querySelector("[data-action-error]");
    Array.prototype.forEach.call(card.querySelectorAll("[data-consent]"), function (choice) {
      choice.addEventListener("click", function () {
        var agree = choice.getAttribute("data-consent") === "yes";
        call("consent", { id: proposal.id, agree: agree }, errorLine, function (reply) {
          var result = document.createElement("p");
          result.setAttribute("role", "status");
          if (reply.conversion.topic_id) {
            var link = document.createElement("a");
            link.href = proposals.getAttribute("data-topic-url").replace("987654321", String(reply.conversion.topic_id));
            link.textContent = label("published");
            result.appendChild(link);
          } else {
            result.textContent = label("declined");
          }
          card.textContent = "";
          card.appendChild(result);
        });
      });
    });
    proposals.appendChild(card);
  }

  JSON.parse(proposals.getAttribute("data-proposals") || "[]").forEach(showProposal);
  socket.on("chat_conversion", function (proposal) {
    if (proposal && proposal.room === chat.slug) { showProposal(proposal); }
  });
})();
