/*
  rsgen's "Latest" list, on the pages that do not render it in their HTML (every page but
  the home page and the front pages of sections and kinds): fetches /latest.json, which
  every build writes, and fills the empty list with its entries. Each entry goes in as text
  (textContent), never as HTML, and only with a URL of this site. The list's space is
  reserved by the style sheet, so filling it moves nothing; without JavaScript the link
  below the list leads to the home page's list instead.
*/
(function () {
  "use strict";

  var list = document.querySelector("ol[data-latest]");
  if (!list || !window.fetch) return;

  function item(entry) {
    if (typeof entry.url !== "string" || !/^\/(?!\/)/.test(entry.url)) return null;
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = entry.url;
    link.textContent = String(entry.title);
    var time = document.createElement("time");
    time.dateTime = String(entry.date);
    time.textContent = String(entry.date_text);
    li.append(link, " ", time);
    return li;
  }

  fetch(list.dataset.latest, { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    })
    .then(function (data) {
      var items = [];
      (data && Array.isArray(data.latest) ? data.latest : []).forEach(function (entry) {
        var li = entry && item(entry);
        if (li) items.push(li);
      });
      list.replaceChildren.apply(list, items);
      list.classList.add("is-filled");
    })
    .catch(function () {
      // the link below the list still leads to the latest stories
    });
})();
