// Called on the node a listener is on (DevTools' Runtime.callFunctionOn, `this`): its start
// of HTML, and which of `drivers` (the selectors of the controls the tests drive) it matches.
function (drivers) {
  if (this.nodeType !== 1) return { name: this === window ? "window" : "document" };
  return {
    name: this.outerHTML.slice(0, 90),
    drivers: drivers.filter((selector) => this.matches(selector)),
  };
}
