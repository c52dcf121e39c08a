// Inetta's web client: plain ES modules, no build step. It talks to the HTTP API documented in /openapi.json.
// Runtime configuration comes from config.json beside this file (written by the CDK app in AWS, served by the
// local gateway under `make dev`): {apiUrl, auth: "cognito" | "local", region, userPoolId, userPoolClientId,
// websocketUrl}. With a websocketUrl the coach's replies stream in over a WebSocket as they are written, and
// check-ins and mediation updates arrive as they happen; without one (or when it can't connect) everything still
// comes over HTTP.

const LEVELS = {
  private: "Private — nothing",
  themes: "Themes — broad needs only",
  summary: "Summary — a short summary",
};
const SOURCES = {
  llm: "AI coach",
  offline: "Offline coach",
  safety: "Safety support",
  checkin: "Check-in",
};
const ACTIONS = {
  opt_in: "You're invited: join or decline",
  perspective: "Share your perspective",
  respond: "Respond to the draft agreement",
};

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

const state = { config: null, session: null, view: "chat", thread: null, cursor: null, circles: [] };
const $ = (id) => document.getElementById(id);

// --- small DOM helpers (text only: nothing from the API is ever parsed as HTML) -----------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function say(text) {
  $("status").textContent = text || "";
}

function showError(error) {
  const box = $("error");
  if (!error) {
    box.hidden = true;
    box.textContent = "";
    return;
  }
  box.textContent = error.message || String(error);
  box.hidden = false;
}

function busy(button, on) {
  if (!button) return;
  button.disabled = on;
  button.setAttribute("aria-busy", on ? "true" : "false");
}

// --- the API ----------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(method, path, body, extraHeaders = {}) {
  const headers = { Accept: "application/json", ...extraHeaders };
  if (state.session) headers.Authorization = `Bearer ${state.session.accessToken}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(`${state.config.apiUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (problem) {
    throw new ApiError(0, "network", "Inetta can't be reached. Check your connection and try again.");
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (problem) {
    data = null;
  }
  if (!response.ok) {
    if (response.status === 401 && state.session) {
      signOut("Your session has ended. Please sign in again.");
    }
    const message = (data && (data.message || data.error)) || `The request failed (${response.status}).`;
    throw new ApiError(response.status, (data && data.error) || "http_" + response.status, message);
  }
  return data;
}

// --- signing in -------------------------------------------------------------------------------------------

function decodeJwt(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), "=")));
  } catch (problem) {
    return {};
  }
}

async function signIn(username, password) {
  const { config } = state;
  let access, id;
  if (config.auth === "local") {
    const response = await fetch(`${config.apiUrl}/_local/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(response.status, "sign_in", "That email and password don't match.");
    access = data.access_token;
    id = data.id_token;
  } else {
    // Cognito's USER_PASSWORD_AUTH flow against the deployment's pool and public app client.
    const response = await fetch(`https://cognito-idp.${config.region}.amazonaws.com/`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth",
      },
      body: JSON.stringify({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: config.userPoolClientId,
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    }).catch(() => null);
    if (!response) throw new ApiError(0, "network", "The sign-in service can't be reached. Try again.");
    const data = await response.json().catch(() => ({}));
    if (!response.ok || !data.AuthenticationResult) {
      const message = data.ChallengeName
        ? "Your account needs a step this app can't do yet (" + data.ChallengeName + ")."
        : "That email and password don't match.";
      throw new ApiError(response.status, "sign_in", message);
    }
    access = data.AuthenticationResult.AccessToken;
    id = data.AuthenticationResult.IdToken;
  }
  const claims = decodeJwt(access);
  state.session = { accessToken: access, idToken: id, username, sub: claims.sub, expiresAt: claims.exp };
  sessionStorage.setItem("inetta.session", JSON.stringify(state.session));
}

function signOut(message) {
  state.session = null;
  disconnectPush();
  state.thread = null;
  state.threadLoading = null;
  sessionStorage.removeItem("inetta.session");
  $("messages").replaceChildren();
  render();
  if (message) showError(new Error(message));
}

// --- views ------------------------------------------------------------------------------------------------

const VIEWS = ["chat", "circle", "privacy", "mediations", "agreements", "checkins", "account"];
const LOADERS = {
  chat: loadChat,
  circle: loadCircles,
  privacy: loadPrivacy,
  mediations: loadMediations,
  agreements: loadAgreements,
  checkins: loadCheckins,
};

function render() {
  const signedIn = Boolean(state.session);
  $("view-signin").hidden = signedIn;
  $("nav").hidden = !signedIn;
  $("sign-out").hidden = !signedIn;
  $("who").hidden = !signedIn;
  $("who").textContent = signedIn ? `Signed in as ${state.session.username}` : "";
  for (const name of VIEWS) $(`view-${name}`).hidden = !signedIn || state.view !== name;
  for (const button of document.querySelectorAll("#nav button")) {
    if (button.dataset.view === state.view) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
  }
  $("demo-hint").hidden = signedIn || state.config.auth !== "local";
}

async function show(view, { focus = true } = {}) {
  state.view = view;
  showError(null);
  render();
  if (focus) {
    const heading = document.querySelector(`#view-${view} h2`);
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
  if (LOADERS[view]) {
    try {
      await LOADERS[view]();
    } catch (error) {
      showError(error);
    }
  }
}

// chat

function messageItem(message) {
  const mine = message.author === "member";
  const meta = [];
  if (!mine) {
    meta.push(el("span", { class: "source", text: SOURCES[message.source] || "Coach" }));
    if (message.note) meta.push(el("span", { class: "note", text: message.note }));
  }
  const item = el(
    "li",
    { class: mine ? "message mine" : "message coach", "data-id": message.id, "data-source": message.source },
    el("span", { class: "visually-hidden", text: mine ? "You said:" : "The coach said:" }),
    el("p", { class: "text", text: message.text }),
    meta.length ? el("p", { class: "meta" }, meta) : null,
    quickReplies(message),
  );
  if (!mine && message.id) {
    const details = el("details", { class: "why" }, el("summary", { text: "Why this reply?" }));
    details.addEventListener("toggle", async () => {
      if (!details.open || details.dataset.loaded) return;
      details.dataset.loaded = "1";
      const body = el("p", { text: "Loading…" });
      details.append(body);
      try {
        const why = await api("GET", `/threads/${state.thread.id}/messages/${message.id}/why`);
        body.textContent = why.summary;
      } catch (error) {
        body.textContent = error.status === 404 ? "No explanation was recorded for this reply." : error.message;
      }
    });
    item.append(details);
  }
  return item;
}

// Answers the coach offers with one tap (the screener's question of a crisis reply: "Yes", "Sometimes", "No", and
// under the suicide question "It's someone I'm worried about").
// Shown only while the reply is the thread's last message (styles.css); a tap sends the answer as typed text would.
function quickReplies(message) {
  const answers = message.author === "member" ? [] : message.quick_replies || [];
  if (!answers.length) return null;
  const send = (answer) => () => {
    $("chat-text").value = answer;
    $("chat-form").requestSubmit();
  };
  return el(
    "div",
    { class: "quick-replies", role: "group", "aria-label": "Answer with one tap" },
    answers.map((answer) => el("button", { type: "button", class: "quick-reply", text: answer, onclick: send(answer) })),
  );
}

function ensureThread() {
  // One request for the thread and its history, however many callers wait for it (a fast first message too).
  if (!state.threadLoading) {
    state.threadLoading = (async () => {
      const { threads } = await api("GET", "/threads");
      state.thread = threads[0];
      $("messages").replaceChildren();
      await loadHistory();
    })().catch((error) => {
      state.threadLoading = null;
      throw error;
    });
  }
  return state.threadLoading;
}

async function loadChat() {
  await ensureThread();
  $("chat-text").focus();
}

async function loadHistory(cursor) {
  const query = new URLSearchParams({ limit: "30" });
  if (cursor) query.set("cursor", cursor);
  const page = await api("GET", `/threads/${state.thread.id}/messages?${query}`);
  const ordered = [...page.messages].sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
  $("messages").prepend(...ordered.map(messageItem));
  state.cursor = page.next_cursor;
  $("chat-older").hidden = !state.cursor;
  if (!cursor && !ordered.length) {
    say("Say whatever is on your mind; the coach answers at any hour.");
  }
}

async function sendMessage(event) {
  event.preventDefault();
  const box = $("chat-text");
  const text = box.value.trim();
  if (!text) {
    showError(new Error("Write a message first."));
    box.focus();
    return;
  }
  showError(null);
  const button = $("chat-send");
  busy(button, true);
  try {
    await ensureThread();
  } catch (error) {
    busy(button, false);
    showError(error);
    return;
  }
  const pending = messageItem({ author: "member", text });
  pending.classList.add("pending");
  $("messages").append(pending);
  say("Sending… the coach is thinking.");
  const key = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
  // Pieces of the reply may stream in over the WebSocket while this request runs; its response is the truth.
  push.pending = { threadId: state.thread.id, messageId: null, item: null, deltas: 0 };
  try {
    let turn;
    for (let attempt = 0; ; attempt += 1) {
      try {
        turn = await api("POST", `/threads/${state.thread.id}/messages`, { text }, { "Idempotency-Key": key });
        break;
      } catch (error) {
        // The message is saved; a retry with the same key never stores it twice.
        if (attempt < 3 && [409, 503, 0].includes(error.status)) {
          await new Promise((resolve) => setTimeout(resolve, 1500 * (attempt + 1)));
          continue;
        }
        throw error;
      }
    }
    pending.replaceWith(messageItem(turn.message));
    finishReply(turn.reply);
    box.value = "";
    say("The coach replied.");
  } catch (error) {
    pending.remove();
    if (push.pending && push.pending.item) push.pending.item.remove();
    $("messages").removeAttribute("aria-busy");
    say("");
    showError(error);
  } finally {
    push.pending = null;
    busy(button, false);
    box.focus();
  }
}

// The reply, as stored, takes the place of what streamed (once: from the WebSocket's reply.done or from the
// HTTP response, whichever comes first).
function finishReply(message) {
  const streamed = push.pending;
  if (!document.querySelector(`#messages li[data-id="${CSS.escape(message.id)}"]`)) {
    const item = messageItem(message);
    if (streamed && streamed.deltas) item.dataset.deltas = String(streamed.deltas);
    if (streamed && streamed.item) streamed.item.replaceWith(item);
    else $("messages").append(item);
  }
  if (streamed) streamed.item = null;
  $("messages").removeAttribute("aria-busy");
}

// New messages at the end of the thread (a check-in arrived): appended, nothing reloaded.
async function appendNewMessages() {
  if (!state.thread) return;
  const page = await api("GET", `/threads/${state.thread.id}/messages?limit=10`);
  const fresh = page.messages
    .filter((m) => !document.querySelector(`#messages li[data-id="${CSS.escape(m.id)}"]`))
    .sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
  $("messages").append(...fresh.map(messageItem));
}

// --- real-time push (a WebSocket; everything also works without it) ---------------------------------------

const push = { socket: null, retries: 0, timer: null, pending: null };

function connectPush() {
  const url = state.config && state.config.websocketUrl;
  if (!state.session || !url || !("WebSocket" in window)) return;
  // An expired token would only be refused at connect: wait for the next sign-in instead.
  if (state.session.expiresAt && state.session.expiresAt * 1000 <= Date.now()) return;
  if (push.socket && push.socket.readyState <= WebSocket.OPEN) return;
  let socket;
  try {
    // Browsers can't set headers on a WebSocket: the access token goes in the query, checked at connect.
    socket = new WebSocket(`${url}?token=${encodeURIComponent(state.session.accessToken)}`);
  } catch (problem) {
    return;
  }
  push.socket = socket;
  socket.addEventListener("open", () => {
    push.retries = 0;
    document.body.dataset.push = "open";
  });
  socket.addEventListener("message", (event) => {
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch (problem) {
      return;
    }
    onFrame(frame);
  });
  socket.addEventListener("close", () => {
    if (push.socket !== socket) return;
    push.socket = null;
    document.body.dataset.push = "closed";
    if (!state.session) return;
    // Try again later, less and less often: meanwhile replies simply arrive whole over HTTP.
    const delay = Math.min(30000, 1000 * 2 ** push.retries);
    push.retries += 1;
    push.timer = setTimeout(connectPush, delay);
  });
}

function disconnectPush() {
  clearTimeout(push.timer);
  const socket = push.socket;
  push.socket = null;
  push.pending = null;
  if (socket) socket.close();
  delete document.body.dataset.push;
}

function onFrame(frame) {
  if (frame.type === "reply.delta" || frame.type === "reply.done") {
    onReplyFrame(frame);
  } else if (frame.type === "checkin") {
    if (state.view === "chat" && state.thread && frame.thread_id === state.thread.id && !push.pending) {
      appendNewMessages().catch(() => {});
    }
    say("Your coach checked in.");
  } else if (frame.type === "mediation.updated") {
    if (state.view === "mediations") refreshMediation(frame.mediation_id).catch(() => {});
    else if (state.view === "agreements") loadAgreements().catch(() => {});
    else say("A mediation you're part of has moved on: see Mediations.");
  }
}

function onReplyFrame(frame) {
  const pending = push.pending;
  // Only the reply to the message this page is sending; its id is learnt from the first frame.
  if (!pending || frame.thread_id !== pending.threadId) return;
  if (pending.messageId && frame.message_id !== pending.messageId) return;
  pending.messageId = frame.message_id;
  if (frame.type === "reply.done") {
    finishReply(frame.message);
    return;
  }
  if (!pending.item) {
    pending.item = el(
      "li",
      { class: "message coach streaming", "data-streaming": "true" },
      el("span", { class: "visually-hidden", text: "The coach is writing:" }),
      el("p", { class: "text" }),
    );
    // Screen readers hear the reply once, whole, not word by word.
    $("messages").setAttribute("aria-busy", "true");
    $("messages").append(pending.item);
    say("The coach is writing…");
  }
  pending.deltas += 1;
  pending.item.querySelector(".text").textContent += frame.text;
}

// circles

function memberName(member) {
  if (member.member_id === state.session.sub) return `${member.display_name || "You"} (you)`;
  return member.display_name || `Your ${member.role}`;
}

async function loadCircles() {
  const { circles } = await api("GET", "/circles");
  const container = $("circles");
  container.replaceChildren();
  if (!circles.length) {
    container.append(el("p", { text: "You're not in a circle yet. Start one, or join with an invite code." }));
  }
  for (const circle of circles) {
    const detail = await api("GET", `/circles/${circle.id}`);
    const members = el(
      "ul",
      { class: "members" },
      detail.members.map((member) =>
        el(
          "li",
          {},
          el("strong", { text: memberName(member) }),
          ` — ${member.role}${member.minor ? ", under 18" : ""}${member.admin ? ", admin" : ""}`,
        ),
      ),
    );
    const card = el(
      "article",
      { class: "card", "aria-label": circle.name },
      el("h3", { text: circle.name }),
      el("p", { class: "muted", text: `${circle.kind === "couple" ? "Couple" : "Family"} · ${circle.member_count} members` }),
      members,
    );
    if (detail.me.admin) card.append(inviteForm(circle));
    card.append(
      el("button", {
        type: "button",
        class: "link",
        text: "Leave this circle",
        onclick: async () => {
          if (!confirm(`Leave “${circle.name}”? Your consent rules for it are removed.`)) return;
          try {
            await api("DELETE", `/circles/${circle.id}/membership`);
            await loadCircles();
          } catch (error) {
            showError(error);
          }
        },
      }),
    );
    container.append(card);
  }
  state.circles = circles;
}

function inviteForm(circle) {
  const id = `invite-${circle.id}`;
  const output = el("p", { class: "invite-code", "aria-live": "polite" });
  const form = el(
    "form",
    { class: "invite", novalidate: true },
    el("h4", { text: "Invite someone" }),
    el("label", { for: `${id}-role`, text: "Their role" }),
    el(
      "select",
      { id: `${id}-role`, name: "role" },
      ["partner", "parent", "teen", "child", "sibling", "other"].map((role) => el("option", { value: role, text: role })),
    ),
    el(
      "label",
      { class: "inline" },
      el("input", { type: "checkbox", name: "minor", id: `${id}-minor` }),
      " Under 18",
    ),
    el("button", { type: "submit", text: "Create invite code" }),
    output,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    showError(null);
    try {
      const invite = await api("POST", `/circles/${circle.id}/invites`, {
        role: form.role.value,
        minor: form.minor.checked,
      });
      output.textContent = `Invite code (valid 7 days, shown once): ${invite.code}`;
    } catch (error) {
      showError(error);
    }
  });
  return form;
}

async function createCircle(event) {
  event.preventDefault();
  const form = event.target;
  showError(null);
  try {
    await api("POST", "/circles", {
      kind: form.kind.value,
      name: form.name.value,
      role: form.role.value,
      display_name: form.display_name.value,
    });
    form.reset();
    $("circle-create").open = false;
    await loadCircles();
  } catch (error) {
    showError(error);
  }
}

async function acceptInvite(event) {
  event.preventDefault();
  const form = event.target;
  showError(null);
  try {
    await api("POST", "/invites/accept", { code: form.code.value.trim(), display_name: form.display_name.value });
    form.reset();
    $("invite-accept").open = false;
    await loadCircles();
  } catch (error) {
    showError(error);
  }
}

// privacy

function levelSelect(id, label, value, withDefault, onChange) {
  const select = el(
    "select",
    { id },
    withDefault ? el("option", { value: "", text: "Same as everyone" }) : null,
    Object.entries(LEVELS).map(([level, text]) => el("option", { value: level, text })),
  );
  select.value = value || "";
  select.addEventListener("change", () => onChange(select.value, select));
  return [el("label", { for: id, text: label }), select];
}

async function loadPrivacy() {
  const container = $("consents");
  container.replaceChildren();
  const { circles } = await api("GET", "/circles");
  if (!circles.length) container.append(el("p", { text: "Join or start a circle first." }));
  for (const circle of circles) {
    const [consents, detail] = await Promise.all([
      api("GET", `/circles/${circle.id}/consents`),
      api("GET", `/circles/${circle.id}`),
    ]);
    const names = Object.fromEntries(detail.members.map((m) => [m.member_id, memberName(m)]));
    const save = async (path, level, select) => {
      showError(null);
      select.disabled = true;
      try {
        if (level) await api("PUT", path, { level });
        else await api("DELETE", path);
        say("Saved. Your change is in effect now.");
        await loadPrivacy();
      } catch (error) {
        showError(error);
        await loadPrivacy().catch(() => {});
      } finally {
        select.disabled = false;
      }
    };
    const rows = consents.members.map((member) =>
      el(
        "div",
        { class: "field" },
        levelSelect(`consent-${circle.id}-${member.member_id}`, `With ${names[member.member_id] || member.role}`,
          member.rule, true, (level, select) =>
            save(`/circles/${circle.id}/consents/${member.member_id}`, level, select)),
        el("p", { class: "muted", text: `In effect: ${member.effective}` }),
      ),
    );
    const shared = consents.shared_with_me.map((other) =>
      el("li", { text: `${names[other.member_id] || other.role}: ${other.effective}` }),
    );
    container.append(
      el(
        "article",
        { class: "card", "aria-label": `Privacy in ${circle.name}` },
        el("h3", { text: circle.name }),
        el(
          "div",
          { class: "field" },
          levelSelect(`consent-${circle.id}-default`, "With everyone in this circle", consents.default, false,
            (level, select) => save(`/circles/${circle.id}/consents`, level, select)),
        ),
        rows,
        el("h4", { text: "What others share with your coach" }),
        shared.length ? el("ul", {}, shared) : el("p", { class: "muted", text: "Nothing yet." }),
      ),
    );
  }
  const { changes } = await api("GET", "/me/consent-audit?limit=10");
  $("audit").replaceChildren(
    ...changes.map((change) =>
      el("li", {
        text: `${new Date(change.at).toLocaleString()}: ${change.member_id ? auditAudience(change) : "everyone"} — ` +
          `${change.previous || "none"} → ${change.level || "default"}${change.actor === "system" ? " (automatic)" : ""}`,
      }),
    ),
  );
  if (!changes.length) $("audit").append(el("li", { text: "No changes yet." }));
}

function auditAudience(change) {
  return change.member_role ? `your ${change.member_role}` : "a member";
}

// mediations

async function loadMediations() {
  const list = $("mediations");
  list.replaceChildren();
  let mediations;
  try {
    ({ mediations } = await api("GET", "/mediations"));
  } catch (error) {
    if (error.status === 404) {
      list.append(el("li", { text: "Mediations aren't available on this server yet." }));
      return;
    }
    throw error;
  }
  if (!mediations.length) list.append(el("li", { text: "No mediations. Ask the coach about one in your chat." }));
  for (const summary of mediations) {
    const mediation = await api("GET", `/mediations/${summary.id || summary.mediation_id}`);
    list.append(mediationCard(mediation));
  }
}

async function refreshMediation(mediationId) {
  const card = document.querySelector(`#mediations [data-mediation-id="${CSS.escape(mediationId)}"]`);
  if (!card) return loadMediations();
  if (card.dataset.sending) return; // the member's own step: its answer redraws the card
  // Never throw away what the member is writing: tell them instead.
  if ([...card.querySelectorAll("textarea")].some((box) => box.value.trim())) {
    say("This mediation has moved on; your draft is kept. Send it, or reopen Mediations to see what changed.");
    return;
  }
  card.replaceWith(mediationCard(await api("GET", `/mediations/${mediationId}`)));
}

function mediationCard(mediation) {
  const asked = mediation.asked_of_me;
  const card = el(
    "li",
    { class: "card", "data-mediation-id": mediation.id },
    el("h3", { text: mediation.topic }),
    el("p", { class: "muted", text: `Status: ${mediation.status}, step: ${mediation.phase}` }),
  );
  const needs = Object.values(mediation.needs || {}).flat();
  if (needs.length) {
    card.append(el("h4", { text: "What the coach sees everyone needs" }),
      el("ul", {}, [...new Set(needs)].map((need) => el("li", { text: String(need).replace(/[_-]/g, " ") }))));
  }
  if (mediation.draft_agreement) {
    const draft = mediation.draft_agreement;
    card.append(el("h4", { text: "Draft agreement" }), el("p", { text: draft.text || JSON.stringify(draft) }));
  }
  if (mediation.outcome) {
    const outcome = mediation.outcome;
    card.append(el("p", { class: "asked", text: outcome.result === "agreed"
      ? "Agreed. You'll find it under Agreements." : outcome.message || "This mediation has closed." }));
  }
  if (!asked) {
    if (!mediation.outcome) card.append(el("p", { text: "Nothing is asked of you right now." }));
    return card;
  }
  const heading = el("h4", { class: "asked", id: `asked-${mediation.id}`, text: ACTIONS[asked.action] || asked.action });
  card.append(heading);
  const act = async (path, body, button) => {
    showError(null);
    busy(button, true);
    card.dataset.sending = "true";
    try {
      const answer = await api("POST", `/mediations/${mediation.id}/${path}`, body);
      if (answer && answer.accepted === false) {
        // The words screened as a crisis: nothing was shared; support comes first.
        card.append(el("div", { class: "card support", role: "note", text: answer.support || answer.message || "" }));
        say("Your words were not shared. Support is shown below.");
        return;
      }
      card.replaceWith(mediationCard(await api("GET", `/mediations/${mediation.id}`)));
      say(path === "perspective" ? "Your perspective is saved. Thank you." : "Sent.");
    } catch (error) {
      showError(error);
    } finally {
      delete card.dataset.sending;
      busy(button, false);
    }
  };
  if (asked.action === "opt_in") {
    card.append(
      el("p", { text: "Joining means you'll each share your side privately; the coach never quotes anyone." }),
      el("button", { type: "button", class: "primary", text: "Join",
        onclick: (event) => act("participation", { join: true }, event.target) }),
      " ",
      el("button", { type: "button", text: "Decline",
        onclick: (event) => act("participation", { join: false }, event.target) }),
    );
  } else if (asked.action === "perspective") {
    const id = `perspective-${mediation.id}`;
    const labels = { feelings: "How I feel", needs: "What I need", requests: "What I'd ask for" };
    const form = el(
      "form",
      { novalidate: true, "aria-labelledby": heading.id, class: "perspective" },
      Object.entries(labels).flatMap(([part, label]) => [
        el("label", { for: `${id}-${part}`, text: label }),
        el("textarea", { id: `${id}-${part}`, name: part, rows: "3", maxlength: "2000" }),
      ]),
      el("fieldset", {},
        el("legend", { text: "What may inform the shared synthesis (as abstract needs, never your words)" }),
        Object.keys(labels).map((part) => el("label", { class: "inline" },
          el("input", { type: "checkbox", name: `share-${part}`, checked: part !== "feelings" }), `my ${part}`))),
      el("button", { type: "submit", class: "primary", text: "Send my perspective" }),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const body = {};
      for (const part of Object.keys(labels)) {
        const value = form[part].value.trim();
        if (value) body[part] = value;
      }
      if (!Object.keys(body).length) {
        showError(new Error("Write at least one of: how you feel, what you need, what you'd ask for."));
        form.feelings.focus();
        return;
      }
      body.share = Object.keys(labels).filter((part) => form[`share-${part}`].checked);
      act("perspective", body, form.querySelector("button[type=submit]"));
    });
    card.append(form);
  } else if (asked.action === "respond") {
    const id = `amend-${mediation.id}`;
    const amendment = el("textarea", { id, rows: "2", maxlength: "500" });
    card.append(
      el("button", { type: "button", class: "primary", text: "Accept",
        onclick: (event) => act("response", { response: "accept" }, event.target) }),
      " ",
      el("button", { type: "button", text: "Decline",
        onclick: (event) => act("response", { response: "decline" }, event.target) }),
      el("label", { for: id, text: "Or propose a change (shown to everyone without your name)" }),
      amendment,
      el("button", { type: "button", text: "Propose this change", onclick: (event) => {
        if (!amendment.value.trim()) {
          showError(new Error("Write the change you'd like first."));
          amendment.focus();
          return;
        }
        act("response", { response: "amend", amendment: amendment.value.trim() }, event.target);
      } }),
    );
  }
  return card;
}

// agreements: what everyone accepted in my mediations (GET /agreements: my own copies, newest first)

async function loadAgreements() {
  const list = $("agreements");
  list.replaceChildren();
  const { agreements } = await api("GET", "/agreements");
  if (!agreements.length) {
    list.append(el("li", { text: "No agreements yet. They come from a mediation everyone accepted." }));
    return;
  }
  for (const agreement of agreements) {
    const agreed = agreement.agreed_at ? new Date(agreement.agreed_at).toLocaleDateString() : "";
    const followUp = agreement.follow_up_at ? new Date(agreement.follow_up_at).toLocaleDateString() : "";
    list.append(el("li", { class: "card" },
      el("h3", { text: agreement.topic }),
      el("p", { text: agreement.text }),
      el("p", { class: "muted", text: `Agreed ${agreed}${followUp ? ` · your coach checks in on it ${followUp}` : ""}` })));
  }
}

// check-in preferences

async function loadCheckins() {
  const prefs = await api("GET", "/me/checkins");
  const form = $("checkins-form");
  form.frequency.value = prefs.frequency;
  form.weekday.value = String(prefs.weekday ?? 6);
  form.time.value = prefs.time;
  // A member who never chose a zone gets their browser's as a suggestion (saved only when they save).
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  form.time_zone.value = prefs.frequency === "off" && prefs.time_zone === "UTC" && browserZone ? browserZone : prefs.time_zone;
  form.quiet.checked = Boolean(prefs.quiet_hours);
  form.quiet_start.value = prefs.quiet_hours ? prefs.quiet_hours.start : "22:00";
  form.quiet_end.value = prefs.quiet_hours ? prefs.quiet_hours.end : "07:00";
  form.thread.checked = prefs.channels ? prefs.channels.thread : true;
  form.push.checked = prefs.channels ? prefs.channels.push : true;
  showCheckinFields();
  showNextCheckin(prefs);
}

function showCheckinFields() {
  const form = $("checkins-form");
  $("checkins-weekday-field").hidden = form.frequency.value !== "weekly";
  form.quiet_start.disabled = form.quiet_end.disabled = !form.quiet.checked;
}

function showNextCheckin(prefs) {
  $("checkins-next").textContent = prefs.frequency === "off" || !prefs.next_check_in_at
    ? "Check-ins are off. Follow-ups you agreed to in a mediation still arrive."
    : `Next check-in: ${new Date(prefs.next_check_in_at).toLocaleString()}.`;
}

async function saveCheckins(event) {
  event.preventDefault();
  const form = event.target;
  const zone = form.time_zone.value.trim();
  if (!/^\d\d:\d\d$/.test(form.time.value)) {
    showError(new Error("Choose a time of day."));
    form.time.focus();
    return;
  }
  if (!zone) {
    showError(new Error("Enter your time zone, for example Europe/Paris."));
    form.time_zone.focus();
    return;
  }
  if (form.quiet.checked && (!form.quiet_start.value || !form.quiet_end.value)) {
    showError(new Error("Choose when quiet hours start and end."));
    form.quiet_start.focus();
    return;
  }
  showError(null);
  const button = form.querySelector("button[type=submit]");
  busy(button, true);
  try {
    const saved = await api("PUT", "/me/checkins", {
      frequency: form.frequency.value,
      time: form.time.value,
      time_zone: zone,
      weekday: Number(form.weekday.value),
      quiet_hours: form.quiet.checked ? { start: form.quiet_start.value, end: form.quiet_end.value } : null,
      channels: { thread: form.thread.checked, push: form.push.checked },
    });
    showNextCheckin(saved);
    say(saved.frequency === "off" ? "Saved: check-ins are off." : `Saved: ${describeCheckins(saved)}.`);
  } catch (error) {
    showError(error);
  } finally {
    busy(button, false);
  }
}

function describeCheckins(prefs) {
  const when = { daily: "every day", few_times_week: "Monday, Wednesday and Friday",
    weekly: `every ${WEEKDAYS[prefs.weekday]}` }[prefs.frequency];
  return `${when} at ${prefs.time} (${prefs.time_zone})`;
}

// account

async function exportData() {
  showError(null);
  try {
    const data = await api("GET", "/me/export");
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob), download: "inetta-export.json" });
    document.body.append(link);
    link.click();
    link.remove();
    say("Your export is downloading.");
  } catch (error) {
    showError(error);
  }
}

async function deleteAccount(event) {
  event.preventDefault();
  const form = event.target;
  if (form.confirm.value.trim() !== "DELETE") {
    showError(new Error("Type DELETE in the box to confirm."));
    form.confirm.focus();
    return;
  }
  showError(null);
  try {
    await api("DELETE", "/me");
    signOut();
    say("Your account and everything derived from it have been deleted.");
  } catch (error) {
    showError(error);
  }
}

// --- start ------------------------------------------------------------------------------------------------

async function start() {
  try {
    state.config = await (await fetch("config.json", { cache: "no-store" })).json();
  } catch (problem) {
    state.config = { apiUrl: "", auth: "local" };
  }
  state.config.apiUrl = (state.config.apiUrl || "").replace(/\/$/, "");
  try {
    const saved = JSON.parse(sessionStorage.getItem("inetta.session") || "null");
    if (saved && (!saved.expiresAt || saved.expiresAt * 1000 > Date.now())) state.session = saved;
  } catch (problem) {
    state.session = null;
  }

  $("signin-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const username = form.username.value.trim();
    if (!username || !form.password.value) {
      showError(new Error("Enter your email and password."));
      return;
    }
    showError(null);
    const button = form.querySelector("button");
    busy(button, true);
    try {
      await signIn(username, form.password.value);
      form.reset();
      connectPush();
      await show("chat");
    } catch (error) {
      showError(error);
    } finally {
      busy(button, false);
    }
  });
  $("sign-out").addEventListener("click", () => signOut());
  for (const button of document.querySelectorAll("#nav button")) {
    button.addEventListener("click", () => show(button.dataset.view));
  }
  $("chat-form").addEventListener("submit", sendMessage);
  $("chat-text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("chat-form").requestSubmit();
    }
  });
  $("chat-older").addEventListener("click", () => loadHistory(state.cursor).catch(showError));
  $("circle-form").addEventListener("submit", createCircle);
  $("accept-form").addEventListener("submit", acceptInvite);
  $("checkins-form").addEventListener("submit", saveCheckins);
  for (const name of ["frequency", "quiet"]) $("checkins-form")[name].addEventListener("change", showCheckinFields);
  $("export").addEventListener("click", exportData);
  $("delete-form").addEventListener("submit", deleteAccount);

  render();
  if (state.session) {
    connectPush();
    await show("chat", { focus: false });
  }
  document.body.dataset.ready = "true";
}

start();
