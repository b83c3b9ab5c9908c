// How far the page scrolls sideways, in CSS px (0 or less: not at all).
() => document.documentElement.scrollWidth - window.innerWidth
