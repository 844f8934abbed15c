'use strict';
// Electron accelerator strings ("CmdOrCtrl+Shift+S") in GTK's syntax
// ("<Control><Shift>s"), for menu shortcuts and globalShortcut. Throws a
// plain Error saying what is wrong; callers name the item.

const modifiers = {
  commandorcontrol: '<Control>', cmdorctrl: '<Control>', control: '<Control>', ctrl: '<Control>',
  alt: '<Alt>', option: '<Alt>', altgr: '<Mod5>', shift: '<Shift>',
  super: '<Super>', meta: '<Super>', command: '<Super>', cmd: '<Super>',
};

const named = {
  plus: 'plus', space: 'space', tab: 'Tab', backspace: 'BackSpace', delete: 'Delete',
  insert: 'Insert', return: 'Return', enter: 'Return', up: 'Up', down: 'Down', left: 'Left',
  right: 'Right', home: 'Home', end: 'End', pageup: 'Page_Up', pagedown: 'Page_Down',
  escape: 'Escape', esc: 'Escape', printscreen: 'Print', capslock: 'Caps_Lock',
  numlock: 'Num_Lock', scrolllock: 'Scroll_Lock',
  volumeup: 'XF86AudioRaiseVolume', volumedown: 'XF86AudioLowerVolume', volumemute: 'XF86AudioMute',
  medianexttrack: 'XF86AudioNext', mediaprevioustrack: 'XF86AudioPrev', mediastop: 'XF86AudioStop',
  mediaplaypause: 'XF86AudioPlay',
  numdec: 'KP_Decimal', numadd: 'KP_Add', numsub: 'KP_Subtract', nummult: 'KP_Multiply', numdiv: 'KP_Divide',
};

const punctuation = {
  ')': 'parenright', '!': 'exclam', '@': 'at', '#': 'numbersign', '$': 'dollar', '%': 'percent',
  '^': 'asciicircum', '&': 'ampersand', '*': 'asterisk', '(': 'parenleft', ':': 'colon',
  ';': 'semicolon', '<': 'less', '=': 'equal', '>': 'greater', '?': 'question', '_': 'underscore',
  '-': 'minus', ',': 'comma', '.': 'period', '/': 'slash', '`': 'grave', '~': 'asciitilde',
  '[': 'bracketleft', ']': 'bracketright', '{': 'braceleft', '}': 'braceright', '|': 'bar',
  '\\': 'backslash', "'": 'apostrophe', '"': 'quotedbl', '+': 'plus',
};

function keyName(key) {
  if (/^[a-z]$/i.test(key)) return key.toLowerCase();
  if (/^[0-9]$/.test(key)) return key;
  if (punctuation[key]) return punctuation[key];
  const lower = key.toLowerCase();
  if (/^f([1-9]|1[0-9]|2[0-4])$/.test(lower)) return `F${lower.slice(1)}`;
  if (/^num[0-9]$/.test(lower)) return `KP_${lower.slice(3)}`;
  return named[lower] || null;
}

// Returns the GTK accelerator string, or throws Error(reason).
function toGtk(accel) {
  if (typeof accel !== 'string' || accel.trim() === '') throw new Error('an accelerator must be a non-empty string');
  let parts = accel.split('+').map((p) => p.trim());
  // "Ctrl++" ends in the '+' key.
  if (parts.length >= 2 && parts[parts.length - 1] === '' && parts[parts.length - 2] === '') {
    parts = parts.slice(0, -2).concat('+');
  }
  if (parts.some((p) => p === '')) throw new Error(`bad accelerator '${accel}' (empty part)`);
  const key = parts.pop();
  let mods = '';
  for (const m of parts) {
    const gtk = modifiers[m.toLowerCase()];
    if (!gtk) throw new Error(`bad accelerator '${accel}' (unknown modifier '${m}')`);
    if (!mods.includes(gtk)) mods += gtk;
  }
  if (modifiers[key.toLowerCase()]) throw new Error(`bad accelerator '${accel}' (no key after the modifiers)`);
  const name = keyName(key);
  if (!name) throw new Error(`bad accelerator '${accel}' (unknown key '${key}')`);
  return mods + name;
}

module.exports = { toGtk };
