// Small progressive enhancements for the portals (no build step).
// Copy buttons: <button data-copy="#selector"> copies the target's text or value.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const target = document.querySelector(button.dataset.copy);
  if (!target) return;
  const text = "value" in target ? target.value : target.textContent;
  try {
    await navigator.clipboard.writeText(text.trim());
  } catch {
    if (target.select) { target.select(); document.execCommand("copy"); }
  }
  button.textContent = "Copied";
  setTimeout(() => (button.textContent = "Copy"), 1500);
});

// Remove buttons: <button data-remove-closest=".selector"> removes its closest matching ancestor
// (a file instead of hx-on, which needs eval and is refused by the Content-Security-Policy).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-remove-closest]");
  if (!button) return;
  button.closest(button.dataset.removeClosest)?.remove();
});
