/* Kernteamwijzer web chat. Plain JavaScript, no libraries, no build step.
 *
 * Talks to the channel in bot/channels/webchat.py over HTTP: POST session (a
 * random, server-signed conversation token) and POST message (replies in the
 * response). The conversation lives in sessionStorage only: it survives a
 * reload of the tab, disappears when the tab is closed, and "Nieuw gesprek"
 * deletes it.
 *
 * Every text is put on the page with textContent / createTextNode; nothing the
 * user or the server sends is ever parsed as HTML.
 */
(function () {
  "use strict";

  var STORE_KEY = "kernteamwijzer.webchat";
  var GREETING = "/greet";
  var TIMEOUT_MS = 30000;
  var TEXT = {
    you: "Jij: ",
    bot: "Kernteamwijzer: ",
    typing: "Kernteamwijzer typt…",
    choices: "Kies een antwoord",
    newWindow: " (opent in een nieuw venster)",
    image: "Afbeelding openen",
    unreachable: "Kernteamwijzer is nu niet bereikbaar. Controleer je internetverbinding en probeer het over een paar minuten opnieuw.",
    failed: "Er ging iets mis bij Kernteamwijzer. Probeer het opnieuw of begin een nieuw gesprek.",
    notAllowed: "Deze chat is vanaf dit adres niet te gebruiken. Vraag je ICT-beheerder het adres toe te voegen aan de toegestane adressen van Kernteamwijzer.",
    restarted: "Nieuw gesprek gestart.",
    expired: "Het vorige gesprek was verlopen; er is een nieuw gesprek gestart."
  };

  var base = new URL("./", document.baseURI);
  var log = document.getElementById("messages");
  var form = document.getElementById("composer");
  var input = document.getElementById("question");
  var sendButton = document.getElementById("send");
  var typing = document.getElementById("typing");
  var typingDots = typing.querySelector(".typing-dots");
  var typingText = document.getElementById("typing-text");
  var problem = document.getElementById("problem");
  var problemText = document.getElementById("problem-text");
  var retryButton = document.getElementById("retry");

  var state = load();
  var busy = false;
  var retryAction = null;

  // ---- storage ---------------------------------------------------------------

  function emptyState() {
    return { session: null, messages: [] };
  }

  function load() {
    try {
      var stored = JSON.parse(window.sessionStorage.getItem(STORE_KEY) || "null");
      if (stored && Array.isArray(stored.messages) &&
          (stored.session === null || typeof stored.session === "string")) {
        return stored;
      }
    } catch (ignored) { /* unreadable: start afresh */ }
    return emptyState();
  }

  function save() {
    try {
      window.sessionStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch (ignored) { /* storage full or disabled: the chat still works */ }
  }

  // ---- rendering ---------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function hidden(text) {
    return el("span", "visually-hidden", text);
  }

  function safeHref(href) {
    try {
      var url = new URL(href);
      return ["https:", "http:", "mailto:", "tel:"].indexOf(url.protocol) >= 0 ? url.href : null;
    } catch (ignored) {
      return null;
    }
  }

  function link(href, label) {
    var target = safeHref(href);
    if (!target) { return document.createTextNode(label); }
    var a = el("a", null, label);
    a.href = target;
    if (/^https?:/.test(target)) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.appendChild(hidden(TEXT.newWindow));
    }
    return a;
  }

  // [label](url), **bold**, *bold*, bare URLs, www. addresses and e-mail addresses.
  var INLINE = new RegExp([
    "\\[([^\\]\\n]+)\\]\\(((?:https?://|mailto:|tel:)[^\\s)]+)\\)",
    "\\*\\*([^*\\n]+)\\*\\*",
    "\\*([^*\\s](?:[^*\\n]*[^*\\s])?)\\*",
    "(https?://[^\\s<>\"]*[^\\s<>\".,;:!?)\\]'])",
    "(www\\.[^\\s<>\"]*[^\\s<>\".,;:!?)\\]'])",
    "([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})"
  ].join("|"), "g");

  function inline(parent, text) {
    var last = 0;
    var match;
    INLINE.lastIndex = 0;
    while ((match = INLINE.exec(text)) !== null) {
      if (match.index > last) {
        parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      }
      if (match[1] !== undefined) {
        parent.appendChild(link(match[2], match[1]));
      } else if (match[3] !== undefined || match[4] !== undefined) {
        var strong = el("strong");
        var inner = match[3] !== undefined ? match[3] : match[4];
        var saved = INLINE.lastIndex;
        inline(strong, inner);
        INLINE.lastIndex = saved;
        parent.appendChild(strong);
      } else if (match[5] !== undefined) {
        parent.appendChild(link(match[5], match[5]));
      } else if (match[6] !== undefined) {
        parent.appendChild(link("https://" + match[6], match[6]));
      } else if (match[7] !== undefined) {
        parent.appendChild(link("mailto:" + match[7], match[7]));
      }
      last = INLINE.lastIndex;
    }
    if (last < text.length) {
      parent.appendChild(document.createTextNode(text.slice(last)));
    }
  }

  var BULLET = /^\s*(?:[•\-–]|\*(?=\s))\s+(.*)$/;
  var NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

  // Paragraphs, bullet lists and numbered lists, one line at a time.
  function formatted(container, text) {
    var list = null;
    var listKind = null;
    String(text).split(/\r?\n/).forEach(function (line) {
      var bullet = BULLET.exec(line);
      var numbered = bullet ? null : NUMBERED.exec(line);
      if (bullet || numbered) {
        var kind = bullet ? "ul" : "ol";
        if (!list || listKind !== kind) {
          list = el(kind);
          listKind = kind;
          container.appendChild(list);
        }
        var item = el("li");
        inline(item, (bullet || numbered)[1]);
        list.appendChild(item);
        return;
      }
      list = null;
      if (line.trim()) {
        var paragraph = el("p");
        inline(paragraph, line);
        container.appendChild(paragraph);
      }
    });
  }

  function renderMessage(message, withChoices) {
    var item = el("div", "message message-" + (message.from === "user" ? "user" : "bot"));
    item.appendChild(hidden(message.from === "user" ? TEXT.you : TEXT.bot));
    var bubble = el("div", "bubble");
    if (message.from === "user") {
      bubble.appendChild(el("p", null, message.text));
    } else {
      if (message.text) { formatted(bubble, message.text); }
      if (message.image) {
        var p = el("p");
        p.appendChild(link(message.image, TEXT.image));
        bubble.appendChild(p);
      }
    }
    item.appendChild(bubble);
    if (withChoices && message.buttons && message.buttons.length) {
      var group = el("div", "choices");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", TEXT.choices);
      message.buttons.forEach(function (choice) {
        if (choice.url) {
          var a = link(choice.url, choice.title);
          if (a.nodeType === 1) { a.classList.add("choice"); }
          group.appendChild(a);
          return;
        }
        var button = el("button", "choice", choice.title);
        button.type = "button";
        button.addEventListener("click", function () {
          send(choice.payload, choice.title);
        });
        group.appendChild(button);
      });
      item.appendChild(group);
    }
    return item;
  }

  // Buttons are offered only on the bot messages after the last user message.
  function renderAll() {
    while (log.firstChild) { log.removeChild(log.firstChild); }
    var lastUser = -1;
    state.messages.forEach(function (message, index) {
      if (message.from === "user") { lastUser = index; }
    });
    state.messages.forEach(function (message, index) {
      log.appendChild(renderMessage(message, index > lastUser));
    });
    scrollDown();
  }

  function removeChoices() {
    Array.prototype.forEach.call(log.querySelectorAll(".choices"), function (group) {
      group.parentNode.removeChild(group);
    });
  }

  function addMessage(message) {
    state.messages.push(message);
    save();
    if (message.from === "user") { removeChoices(); }
    log.appendChild(renderMessage(message, message.from !== "user"));
    scrollDown();
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  // The status line says "typt…" while waiting, then any notice (new or
  // expired conversation) once the answer is there.
  var notice = null;

  function setTyping(on) {
    typingDots.hidden = !on;
    typingText.textContent = on ? TEXT.typing : (notice || "");
    if (!on) { notice = null; }
  }

  function announce(text) {
    notice = text;
  }

  function showProblem(text, retry) {
    problemText.textContent = text;
    retryAction = retry || null;
    retryButton.hidden = !retry;
    problem.hidden = false;
  }

  function clearProblem() {
    problem.hidden = true;
    problemText.textContent = "";
    retryAction = null;
  }

  // ---- talking to the server -------------------------------------------------

  function Unreachable() {}

  function post(path, body) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    return fetch(new URL(path, base).href, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
      signal: controller ? controller.signal : undefined
    }).then(function (reply) {
      return reply.json().catch(function () { return {}; }).then(function (data) {
        return { status: reply.status, data: data || {} };
      });
    }, function () {
      throw new Unreachable();
    }).finally(function () {
      if (timer) { clearTimeout(timer); }
    });
  }

  function NotAllowed() {}

  function refusedOrigin(reply) {
    if (reply.status === 403 && reply.data.error === "origin_not_allowed") { throw new NotAllowed(); }
  }

  function newSession() {
    return post("session", {}).then(function (reply) {
      refusedOrigin(reply);
      if (reply.status !== 200 || typeof reply.data.session !== "string") {
        throw new Error("session " + reply.status);
      }
      state.session = reply.data.session;
      save();
    });
  }

  // Sends `text` (a typed question or a button payload); shows `shownAs`
  // as the teacher's message unless it is the hidden greeting.
  function send(text, shownAs) {
    if (busy || !text) { return Promise.resolve(); }
    busy = true;
    clearProblem();
    if (shownAs !== null) { addMessage({ from: "user", text: shownAs || text }); }
    setTyping(true);
    sendButton.setAttribute("aria-disabled", "true");

    function deliver(allowRenewal) {
      var ready = state.session ? Promise.resolve() : newSession();
      return ready.then(function () {
        return post("message", { session: state.session, message: text });
      }).then(function (reply) {
        if (reply.status === 403 && reply.data.error === "unknown_session" && allowRenewal) {
          state.session = null;
          announce(TEXT.expired);
          return deliver(false);
        }
        refusedOrigin(reply);
        if (reply.status !== 200 || !Array.isArray(reply.data.messages)) {
          throw new Error("status " + reply.status);
        }
        reply.data.messages.forEach(function (message) {
          addMessage({
            from: "bot",
            text: typeof message.text === "string" ? message.text : "",
            buttons: Array.isArray(message.buttons) ? message.buttons : [],
            image: typeof message.image === "string" ? message.image : undefined
          });
        });
      });
    }

    return deliver(true).catch(function (error) {
      var again = function () { return send(text, null); };
      if (error instanceof Unreachable) {
        showProblem(TEXT.unreachable, again);
      } else if (error instanceof NotAllowed) {
        showProblem(TEXT.notAllowed, null);
      } else {
        showProblem(TEXT.failed, again);
      }
    }).then(function () {
      busy = false;
      setTyping(false);
      sendButton.removeAttribute("aria-disabled");
    });
  }

  function startConversation(announcement) {
    state = emptyState();
    save();
    renderAll();
    if (announcement) { announce(announcement); }
    return send(GREETING, null);
  }

  // ---- events ------------------------------------------------------------------

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || busy) { return; }
    input.value = "";
    send(text).then(function () { input.focus(); });
  });

  document.getElementById("new-conversation").addEventListener("click", function () {
    if (busy) { return; }
    try { window.sessionStorage.removeItem(STORE_KEY); } catch (ignored) { /* nothing stored */ }
    clearProblem();
    startConversation(TEXT.restarted).then(function () { input.focus(); });
  });

  retryButton.addEventListener("click", function () {
    if (retryAction) { retryAction(); }
  });

  if (state.session && state.messages.length) {
    renderAll();
  } else {
    startConversation(null);
  }
}());
