// Live-connection state of the Blazor circuit. Blazor dispatches `components-reconnect-state-changed` on the
// element with id `components-reconnect-modal`; we drive both that dialog and the app bar indicator from it.

const labels = {
  connecting: "Connecting…",
  connected: "Live",
  reconnecting: "Reconnecting…",
  disconnected: "Disconnected",
};

const titles = {
  connecting: "Live updates: connecting",
  connected: "Live updates: connected",
  reconnecting: "Live updates: connection lost, reconnecting",
  disconnected: "Live updates: disconnected; reload the page",
};

export function setConnectionState(doc, state) {
  const indicator = doc.getElementById("connection-indicator");
  if (!indicator) {
    return;
  }
  indicator.dataset.state = state;
  indicator.title = titles[state];
  const label = indicator.querySelector(".connection-label");
  if (label) {
    label.textContent = labels[state];
  }
}

export function markConnected() {
  setConnectionState(document, "connected");
}

const modalClasses = [
  "components-reconnect-show",
  "components-reconnect-retrying",
  "components-reconnect-failed",
  "components-reconnect-paused",
  "components-reconnect-resume-failed",
];

export function watchReconnection(doc) {
  const modal = doc.getElementById("components-reconnect-modal");
  if (!modal) {
    return;
  }

  modal.addEventListener("components-reconnect-state-changed", (event) => {
    const state = event.detail.state;
    switch (state) {
      case "show":
      case "retrying":
        setConnectionState(doc, "reconnecting");
        if (!modal.open) {
          modal.showModal();
        }
        break;
      case "hide":
        setConnectionState(doc, "connected");
        modal.close();
        break;
      case "failed":
      case "paused":
      case "resume-failed":
        setConnectionState(doc, "disconnected");
        doc.addEventListener("visibilitychange", retryWhenVisible);
        break;
      case "rejected":
        location.reload();
        break;
      default:
        break;
    }
    modal.classList.remove(...modalClasses);
    modal.classList.add(`components-reconnect-${state === "retrying" ? "retrying" : state}`);
  });

  doc.getElementById("components-reconnect-button")?.addEventListener("click", retry);
  doc.getElementById("components-resume-button")?.addEventListener("click", resume);

  async function retry() {
    doc.removeEventListener("visibilitychange", retryWhenVisible);
    try {
      const reconnected = await window.Blazor.reconnect();
      if (!reconnected) {
        const resumed = await window.Blazor.resumeCircuit();
        if (!resumed) {
          location.reload();
        } else {
          modal.close();
          setConnectionState(doc, "connected");
        }
      }
    } catch {
      doc.addEventListener("visibilitychange", retryWhenVisible);
    }
  }

  async function resume() {
    try {
      if (!(await window.Blazor.resumeCircuit())) {
        location.reload();
      }
    } catch {
      modal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
  }

  async function retryWhenVisible() {
    if (doc.visibilityState === "visible") {
      await retry();
    }
  }
}
