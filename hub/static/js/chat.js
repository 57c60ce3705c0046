// A chat room page: live messages over Socket.IO (/live), a composer, a typing indicator and
// presence. After any reconnect the page asks for everything after the last id it shows, so a
// network drop loses nothing; messages are keyed by id, so nothing shows twice.
(function () {
  "use strict";
  var root = document.querySelector("[data-chat]");
  if (!root || typeof window.io !== "function") {
    return;
  }
  var slug = root.getAttribute("data-room");
  var log = root.querySelector("[data-chat-log]");
  var typingLine = root.querySelector("[data-chat-typing]");
  var online = root.querySelector("[data-chat-online]");
  var team = root.querySelector("[data-chat-team]");
  var connection = root.querySelector("[data-chat-connection]");
  var form = root.querySelector("[data-chat-composer]");
  var input = root.querySelector("[data-chat-input]");
  var errorLine = root.querySelector("[data-chat-error]");
  var label = function (name) { return root.getAttribute("data-label-" + name) || ""; };
  var lastId = 0;
  var typers = {};

  Array.prototype.forEach.call(log.querySelectorAll("[data-message-id]"), function (item) {
    lastId = Math.max(lastId, parseInt(item.getAttribute("data-message-id"), 10) || 0);
  });

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function render(message) {
    var item = log.querySelector('[data-message-id="' + message.id + '"]');
    var fresh = !item;
    if (fresh) {
      item = document.createElement("li");
      item.className = "chat-message";
      item.setAttribute("data-message-id", String(message.id));
    }
    item.textContent = "";
    var author = document.createElement("span");
    author.className = "chat-author";
    author.textContent = message.author.display_name;
    item.appendChild(author);
    var time = document.createElement("time");
    time.setAttribute("datetime", message.created_at);
    time.textContent = message.created_at.slice(11, 16);
    item.appendChild(time);
    if (message.edited_at && !message.deleted) {
      var edited = document.createElement("span");
      edited.className = "muted";
      edited.textContent = " (" + label("edited") + ")";
      item.appendChild(edited);
    }
    var body = document.createElement("div");
    if (message.deleted) {
      body.className = "chat-body muted";
      body.textContent = label("deleted") + (message.deleted_reason ? ": " + message.deleted_reason : "");
    } else {
      body.className = "chat-body";
      body.innerHTML = message.html; // cooked and sanitised by the hub (content.render)
    }
    item.appendChild(body);
    if (fresh) {
      // Ids increase within a room: keep the list in id order even if a push overtakes a reply.
      var after = null;
      Array.prototype.some.call(log.children, function (other) {
        if (parseInt(other.getAttribute("data-message-id"), 10) > message.id) {
          after = other;
          return true;
        }
        return false;
      });
      log.insertBefore(item, after);
      scrollDown();
    }
    lastId = Math.max(lastId, message.id);
  }

  // One connection per page: Socket.IO opens a new one each time a namespace is asked again.
  var socket = window.hubSocket || (window.hubSocket = window.io("/live"));

  function catchUp() {
    socket.emit("history", { room: slug, after: lastId }, function (reply) {
      if (!reply || !reply.ok) { return; }
      reply.messages.forEach(render);
      if (reply.more) {
        catchUp();
      } else if (lastId) {
        socket.emit("read", { room: slug, id: lastId });
      }
    });
  }

  function showPresence(event) {
    if (!event || event.room !== slug) { return; }
    online.textContent = label("online").replace("{n}", String(event.online_count));
    team.hidden = !event.team_online;
  }

  socket.on("connect", function () {
    root.setAttribute("data-live", "on");
    connection.textContent = "";
    socket.emit("join", { room: slug }, function (reply) {
      if (reply && reply.ok) {
        showPresence({ room: slug, online_count: reply.room.online_count, team_online: reply.room.team_online });
        catchUp();
      }
    });
  });
  socket.on("disconnect", function () {
    root.setAttribute("data-live", "off");
    connection.textContent = label("offline");
  });
  socket.on("chat", function (message) {
    if (message && message.room === slug) { render(message); }
  });
  socket.on("presence", showPresence);

  function showTypers() {
    var names = Object.keys(typers);
    typingLine.textContent = names.length ? label("typing").replace("{name}", names.join(", ")) : "";
  }
  socket.on("typing", function (event) {
    if (!event || event.room !== slug) { return; }
    var name = event.user.display_name;
    window.clearTimeout(typers[name]);
    typers[name] = window.setTimeout(function () { delete typers[name]; showTypers(); }, 4000);
    showTypers();
  });

  if (!form) { return; }
  var lastTyping = 0;
  input.addEventListener("input", function () {
    var now = Date.now();
    if (now - lastTyping > 2500 && input.value.trim()) {
      lastTyping = now;
      socket.emit("typing", { room: slug });
    }
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = input.value.trim();
    if (!body) { return; }
    errorLine.hidden = true;
    socket.timeout(10000).emit("chat", { room: slug, body: body }, function (err, reply) {
      if (err || !reply) {
        errorLine.textContent = label("offline");
        errorLine.hidden = false;
        return;
      }
      if (reply.ok) {
        input.value = "";
        render(reply.message);
      } else {
        errorLine.textContent = reply.error.message;
        errorLine.hidden = false;
      }
    });
  });
})();
