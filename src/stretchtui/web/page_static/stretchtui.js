// Loaded before textual.js: plays the cue sounds the app sends over the page's socket.
//
// The app sends ["stretchtui.sound", {sound, gain}] as a text message; textual.js
// ignores message types it does not know, so listening on the same socket is enough.
// Browsers only allow sound after the person has pressed a key or touched the page,
// which they must do anyway to start a session; until then a cue shows as a glow.
(function () {
  "use strict";
  const NativeWebSocket = window.WebSocket;
  const SOUND_META = "stretchtui.sound";
  const buffers = new Map();
  let context = null;
  let current = null;
  let glowTimer = null;

  // What the page was asked to play, and what it did play (not held back by the
  // browser's autoplay rule), newest last: for tests and for curious people.
  window.stretchtuiCues = [];
  window.stretchtuiPlayed = [];

  function unlock() {
    const AudioContextClass = window.AudioContext || window.webkitAudioContext;
    if (!AudioContextClass) {
      return;
    }
    if (context === null) {
      context = new AudioContextClass();
    }
    if (context.state === "suspended") {
      context.resume();
    }
  }
  for (const type of ["keydown", "pointerdown", "touchend"]) {
    window.addEventListener(type, unlock, { capture: true });
  }

  function soundsUrl() {
    return document.body ? document.body.dataset.sounds : null;
  }

  function load(name) {
    if (!buffers.has(name)) {
      const url = soundsUrl() + encodeURIComponent(name) + ".wav";
      const decoded = fetch(url, { credentials: "same-origin" })
        .then((response) => {
          if (!response.ok) {
            throw new Error("sound " + name + ": " + response.status);
          }
          return response.arrayBuffer();
        })
        .then((data) => context.decodeAudioData(data));
      decoded.catch(() => buffers.delete(name));
      buffers.set(name, decoded);
    }
    return buffers.get(name);
  }

  function glow() {
    document.body.classList.add("-cue");
    clearTimeout(glowTimer);
    glowTimer = setTimeout(() => document.body.classList.remove("-cue"), 350);
  }

  function stop() {
    if (current !== null) {
      try {
        current.stop();
      } catch (error) {
        // Already finished.
      }
      current = null;
    }
  }

  async function play(cue) {
    if (!cue || typeof cue !== "object") {
      return;
    }
    const name = cue.sound;
    window.stretchtuiCues.push(name === null ? "(stop)" : String(name));
    stop();
    if (name === null) {
      return;
    }
    if (typeof name !== "string" || !/^[a-z]+$/.test(name)) {
      return;
    }
    if (context === null || context.state !== "running") {
      glow();
      return;
    }
    try {
      const buffer = await load(name);
      const source = context.createBufferSource();
      const gain = context.createGain();
      gain.gain.value = Math.max(0, Math.min(1, Number(cue.gain) || 0));
      source.buffer = buffer;
      source.connect(gain).connect(context.destination);
      stop();
      source.start();
      current = source;
      window.stretchtuiPlayed.push(name);
    } catch (error) {
      glow();
    }
  }

  class CueSocket extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") {
          return;
        }
        let message;
        try {
          message = JSON.parse(event.data);
        } catch (error) {
          return;
        }
        if (Array.isArray(message) && message[0] === SOUND_META) {
          play(message[1]);
        }
      });
    }
  }
  window.WebSocket = CueSocket;
})();
