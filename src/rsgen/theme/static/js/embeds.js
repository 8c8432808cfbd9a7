/*
  rsgen's embeds: video facades and the heights of charts. The theme's own script, loaded
  (deferred) only on pages whose body holds a video or a chart; no third-party code.

  - A video is a facade (a title, a link to the video, a hidden play button). This script
    shows the button; pressing it (click, Enter or Space: it is a <button>) puts the
    provider's player in the facade's place and moves focus to it. Until then the page
    makes no request to the provider.
  - Datawrapper and Flourish charts report their height with postMessage. One listener
    takes those messages, only from those providers' origins and only from a frame of this
    page, and sets that frame's height.
*/
(function () {
  "use strict";

  function play(button) {
    var box = button.closest(".video");
    if (!box || !box.dataset.frame) return;
    var frame = document.createElement("iframe");
    frame.src = box.dataset.frame;
    frame.title = box.dataset.title || "Video";
    frame.allow = "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.className = "video-frame";
    box.classList.add("is-playing");
    box.replaceChildren(frame);
    frame.focus();
  }

  document.querySelectorAll(".video .video-play").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { play(button); });
  });

  function frameOf(source) {
    var frames = document.querySelectorAll("iframe.embed-frame");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  function parse(data) {
    if (typeof data !== "string") return data;
    try { return JSON.parse(data); } catch (e) { return null; }
  }

  var HEIGHTS = {
    // {"datawrapper-height": {"CHART_ID": 412}}
    "https://datawrapper.dwcdn.net": function (data, frame) {
      var found = data && data["datawrapper-height"];
      if (!found || typeof found !== "object") return 0;
      for (var chart in found) {
        if (frame.src.indexOf("/" + chart + "/") > 0) return Number(found[chart]);
      }
      return 0;
    },
    // {"sender": "Flourish", "method": "resize", "height": 520} (often as a JSON string)
    "https://flo.uri.sh": function (data) {
      if (!data || data.sender !== "Flourish" || data.method !== "resize") return 0;
      return parseFloat(data.height);
    }
  };

  window.addEventListener("message", function (event) {
    var height = HEIGHTS.hasOwnProperty(event.origin) ? HEIGHTS[event.origin] : null;
    if (!height) return;
    var frame = frameOf(event.source);
    if (!frame || frame.src.indexOf(event.origin + "/") !== 0) return;
    var value = height(parse(event.data), frame);
    if (value > 0 && value < 20000) frame.height = String(Math.ceil(value));
  });
})();
