/* Figures: static SVG first; when a figure nears the viewport, load the self-hosted
   Vega runtime once and swap in the live chart (tooltips, legend selection).
   Without JavaScript every figure stays readable as its static SVG. */
(function () {
  "use strict";
  var runtime = null;

  function loadRuntime(src) {
    if (!runtime) {
      runtime = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.onload = function () { resolve(window.vega); };
        s.onerror = function () { reject(new Error("could not load " + src)); };
        document.head.appendChild(s);
      });
    }
    return runtime;
  }

  // Charts were designed at 640 px; below 520 px their labels would be cut, so a narrow
  // screen gets a 520 px chart that scrolls sideways inside its own box.
  function liveWidth(live) {
    return Math.max(520, Math.floor(live.clientWidth) - 16);
  }

  function dark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  // The tooltip: text only (values from data are never parsed as HTML), placed near the
  // pointer or, from the keyboard, near the focused mark; styled by site.css.
  var tip = null, shownAt = 0, tappedAt = 0;
  function tooltipEl() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "vg-tooltip-element";
      tip.setAttribute("role", "tooltip");
      document.body.appendChild(tip);
    }
    return tip;
  }
  function showTip(value, x, y) {
    var el = tooltipEl();
    el.textContent = "";
    if (value == null || value === "") { el.classList.remove("visible"); return; }
    el.classList.toggle("dark-theme", dark());
    if (typeof value === "object" && !Array.isArray(value)) {
      var table = document.createElement("table");
      Object.keys(value).forEach(function (k) {
        if (k === "title") return;
        var tr = table.insertRow(), key = tr.insertCell(), val = tr.insertCell();
        key.className = "key"; val.className = "value";
        key.textContent = k; val.textContent = String(value[k]);
      });
      if (value.title != null) {
        var h = document.createElement("h2"); h.textContent = String(value.title); el.appendChild(h);
      }
      el.appendChild(table);
    } else {
      el.textContent = Array.isArray(value) ? value.join(", ") : String(value);
    }
    el.classList.add("visible");
    shownAt = Date.now();
    var w = el.offsetWidth, h2 = el.offsetHeight, pad = 12;
    var left = Math.min(x + pad, window.innerWidth - w - 4), top = y + pad;
    if (top + h2 > window.innerHeight - 4) top = Math.max(4, y - h2 - pad);
    el.style.left = Math.max(4, left) + "px";
    el.style.top = top + "px";
  }
  function hideTip() { if (tip) tip.classList.remove("visible"); }

  // Keyboard: the live chart is one tab stop; arrow keys step through its data marks and
  // show each one's tooltip, which is also read out through a live region.
  function keyboard(fig, view, live) {
    var marks = [], i = -1;
    var say = fig.querySelector(".fig-say");
    function collect() {
      // the scenegraph: marks hold items; a group item holds marks, offset by its x, y
      marks = [];
      (function walk(mark, dx, dy) {
        (mark.items || []).forEach(function (it) {
          if (mark.marktype === "group") {
            (it.items || []).forEach(function (m) { walk(m, dx + (it.x || 0), dy + (it.y || 0)); });
          } else if (it.tooltip != null && it.bounds && !isNaN(it.bounds.x1)) {
            marks.push({ item: it, x: dx + (it.bounds.x1 + it.bounds.x2) / 2, y: dy + (it.bounds.y1 + it.bounds.y2) / 2 });
          }
        });
      })(view.scenegraph().root, 0, 0);
      marks.sort(function (a, b) { return (a.x - b.x) || (a.y - b.y); });
    }
    function text(v) {
      if (v == null) return "";
      if (typeof v === "object") return Object.keys(v).map(function (k) { return k + ": " + v[k]; }).join("; ");
      return String(v);
    }
    live.tabIndex = 0;
    live.setAttribute("aria-label", (fig.dataset.alt || "") + " Use the arrow keys to step through the data.");
    live.addEventListener("keydown", function (ev) {
      var keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: "first", End: "last" };
      if (ev.key === "Escape") { hideTip(); return; }
      if (!(ev.key in keys)) return;
      ev.preventDefault();
      if (!marks.length) collect();
      if (!marks.length) return;
      var k = keys[ev.key];
      i = k === "first" ? 0 : k === "last" ? marks.length - 1 : (i + k + marks.length) % marks.length;
      var m = marks[i], origin = view.origin(), box = live.querySelector("svg").getBoundingClientRect();
      showTip(m.item.tooltip, box.left + origin[0] + m.x, box.top + origin[1] + m.y);
      if (say) say.textContent = (i + 1) + " of " + marks.length + ". " + text(m.item.tooltip);
    });
    live.addEventListener("blur", hideTip);
    view.addEventListener("click", function () { marks = []; });
    // touch: a tap on a mark shows its tooltip (there is no hover on a touch screen)
    view.addEventListener("click", function (event, item) {
      if (item && item.tooltip != null) {
        var p = event.changedTouches ? event.changedTouches[0] : event;
        tappedAt = Date.now();
        showTip(item.tooltip, p.clientX, p.clientY);
      }
    });
  }

  function mount(fig) {
    if (fig.dataset.state) return;
    fig.dataset.state = "loading";
    var live = fig.querySelector(".fig-live");
    var stat = fig.querySelector(".fig-static");
    loadRuntime(fig.dataset.runtime).then(function (vega) {
      var isDark = dark();
      var url = isDark ? fig.dataset.specDark : fig.dataset.spec;
      return fetch(url).then(function (r) { return r.json(); }).then(function (spec) {
        live.hidden = false;
        if (fig._view) { fig._view.finalize(); fig._view = null; }
        live.textContent = "";
        var view = new vega.View(vega.parse(spec, null, { ast: true }), {
          expr: window.vegaExpressionInterpreter,  // no eval(): the CSP forbids it
          renderer: "svg", container: live, hover: true,
          tooltip: function (handler, event, item, value) {
            // a tap's own trailing pointer events must not hide the tooltip the tap just showed
            if (value == null) { if (Date.now() - tappedAt > 600) hideTip(); }
            else showTip(value, event.clientX, event.clientY);
          }
        });
        // the live chart takes the static one's box (its height; the width it would scroll in),
        // so that going live moves no text: not under the reader's eye, not after a jump
        var w = liveWidth(live);
        var shown = stat.querySelector(isDark ? ".fig-dark" : ".fig-light");  // the image, not its box's scrollbar
        if (!fig._ratio && !stat.hidden && shown && shown.offsetHeight) fig._ratio = shown.offsetHeight / w;
        view.width(w);
        if (fig._ratio) view.height(Math.round(w * fig._ratio));
        return view.runAsync();
      }).then(function (view) {
        fig._view = view;
        fig.dataset.scheme = isDark ? "dark" : "light";
        var svg = live.querySelector("svg");
        if (svg) {
          svg.setAttribute("role", "img");
          svg.setAttribute("aria-label", fig.dataset.alt || "");
        }
        keyboard(fig, view, live);
        stat.hidden = true;
        fig.dataset.state = "live";
        if (fig.dataset.scheme !== (dark() ? "dark" : "light")) { fig.dataset.state = ""; mount(fig); }
      });
    }).catch(function (err) {
      live.hidden = true;
      stat.hidden = false;
      fig.dataset.state = "static";
      console.warn("figure stays static:", err);
    });
  }

  function remount() {
    document.querySelectorAll("figure.fig[data-state=live]").forEach(function (fig) {
      if (fig.dataset.scheme !== (dark() ? "dark" : "light")) {
        fig.dataset.state = "";
        mount(fig);
      }
    });
  }

  var resizeTimer = null;
  function resize() {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      document.querySelectorAll("figure.fig[data-state=live]").forEach(function (fig) {
        var live = fig.querySelector(".fig-live");
        var w = liveWidth(live);
        if (fig._view) (fig._ratio ? fig._view.width(w).height(Math.round(w * fig._ratio)) : fig._view.width(w)).runAsync();
      });
    }, 150);
  }

  // Wide tables scroll sideways inside Material's wrapper: make each wrapper a keyboard stop.
  // A box that scrolls sideways must be reachable by keyboard (tabindex) and named. Whether
  // it scrolls is read when the box is laid out (a ResizeObserver's callback runs after
  // layout), never by forcing layout: a table far down the page is skipped content
  // (content-visibility: auto), and measuring it at load would lay out all of it.
  var sized = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (e) { scrollable(e.target); });
  }) : null;

  function scrollable(w) {
    var scrolls = w.scrollWidth > w.clientWidth + 1;
    if (scrolls && !w.hasAttribute("tabindex")) {
      w.tabIndex = 0;
      w.setAttribute("data-scroll-focus", "");
      if (w.tagName !== "TABLE") {  // a table keeps its own role and caption
        w.setAttribute("role", "region");
        var cap = w.querySelector("caption");
        w.setAttribute("aria-label", cap ? cap.textContent : "Table (scrolls sideways)");
      }
    } else if (!scrolls && w.hasAttribute("data-scroll-focus")) {  // wider screen: no longer a tab stop
      w.removeAttribute("tabindex");
      w.removeAttribute("data-scroll-focus");
      if (w.tagName !== "TABLE") { w.removeAttribute("role"); w.removeAttribute("aria-label"); }
    }
  }

  function focusableScrollers() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset__table, .md-typeset table, .fig-static").forEach(function (w) {
      if (sized) sized.observe(w); else scrollable(w);
    });
  }

  function observe(figs) {
    if ("IntersectionObserver" in window) {
      var io = new IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          if (e.isIntersecting) { io.unobserve(e.target); mount(e.target); }
        });
      }, { rootMargin: "200px 0px" });
      figs.forEach(function (f) { io.observe(f); });
    } else {
      figs.forEach(mount);
    }
  }

  function init() {
    window.addEventListener("resize", resize);
    // scrolling away hides the tooltip (but not the scroll a tap itself may cause)
    window.addEventListener("scroll", function () { if (Date.now() - shownAt > 400) hideTip(); }, { passive: true });
    focusableScrollers();
    setTimeout(focusableScrollers, 500);  // after Material has wrapped the tables
    var figs = document.querySelectorAll("figure.fig[data-spec]");
    // The static SVG is the figure; the live chart adds tooltips and selection. It loads
    // once the reader does something (scroll, pointer, key, touch) and the figure is near
    // the viewport, so a page that is only being looked at costs no script at all.
    var started = false;
    function start() {
      if (started) return;
      started = true;
      ["scroll", "pointermove", "pointerdown", "keydown", "touchstart"].forEach(function (t) {
        window.removeEventListener(t, start, true);
      });
      observe(figs);
    }
    ["scroll", "pointermove", "pointerdown", "keydown", "touchstart"].forEach(function (t) {
      window.addEventListener(t, start, { capture: true, passive: true });
    });
    figs.forEach(function (f) { f.addEventListener("focusin", function () { mount(f); }); });
    document.querySelectorAll(".fig-copy").forEach(function (b) {
      b.addEventListener("click", function () {
        var url = b.dataset.permalink;
        (navigator.clipboard ? navigator.clipboard.writeText(url) : Promise.reject())
          .then(function () { b.textContent = "Link copied"; })
          .catch(function () { b.textContent = url; });
      });
    });
    document.querySelectorAll(".cite-copy").forEach(function (b) {
      b.addEventListener("click", function () {
        var el = document.getElementById(b.dataset.target);
        var text = el ? el.innerText.trim() : "";
        (navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject())
          .then(function () { b.textContent = "Copied"; })
          .catch(function () {
            var r = document.createRange(); r.selectNodeContents(el);
            var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
            b.textContent = "Selected: press Ctrl+C";
          });
      });
    });
    new MutationObserver(remount).observe(document.body,
      { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  // Blocks below a page's first section start skipped (content-visibility: auto, site.css), so
  // the page starts light: Material's start-up restyles then cost a screenful, not a chapter. Once
  // the page has loaded they are drawn for good, a few per idle moment (each a short task), so a
  // later jump (scrollbar, End key) lands on real sizes, not on estimates that then grow.
  var BATCH = 6, SKIPPED = ".md-content__inner > h2 ~ :not(h2, h3, h4):not([data-drawn])";
  var later = window.requestIdleCallback || function (f) { return setTimeout(f, 30); };
  function drawSkipped() {
    var blocks = Array.prototype.slice.call(document.querySelectorAll(SKIPPED));
    (function step() {
      blocks.splice(0, BATCH).forEach(function (b) { b.setAttribute("data-drawn", ""); });
      if (blocks.length) later(step);
    })();
  }

  // Printing: every figure's static SVG is in the print, the lazy ones below the screen included
  function eager() {
    document.querySelectorAll(".fig-static img[loading=lazy]").forEach(function (i) { i.loading = "eager"; });
  }
  window.addEventListener("beforeprint", eager);
  if (window.matchMedia) {
    var printing = window.matchMedia("print");
    if (printing.addEventListener) printing.addEventListener("change", function (e) { if (e.matches) eager(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  if (document.readyState === "complete") drawSkipped();
  else window.addEventListener("load", function () { later(drawSkipped); });
})();
