// Keeps a live log scrolled to its newest line while the reader is at the bottom. Scrolling up stops that, so
// a reader can study older lines while new ones arrive; scrolling back to the bottom resumes it.
export function followLog(element) {
  if (!element || element.dataset.following === "true") {
    return;
  }

  element.dataset.following = "true";
  let pinned = true;
  element.dataset.pinned = "true";
  element.addEventListener(
    "scroll",
    () => {
      pinned = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
      element.dataset.pinned = String(pinned);
    },
    { passive: true },
  );
  new MutationObserver(() => {
    if (pinned) {
      element.scrollTop = element.scrollHeight;
    }
  }).observe(element, { childList: true, subtree: true, characterData: true });
  element.scrollTop = element.scrollHeight;
}
