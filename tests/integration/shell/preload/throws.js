// A preload that fails: the window must still load its page.
throw new Error('preload exploded');
