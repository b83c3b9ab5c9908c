// Whether the element `selector` names is on screen (false when it names none, or is no
// longer a valid selector).
(selector) => {
  try {
    const element = document.querySelector(selector);
    return element !== null && element.checkVisibility();
  } catch (error) {
    return false;
  }
}
