window.fixtureLoaded = true;
console.warn('fixture says hi', 42);
