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
        s.onload = function () { resolve(window.vegaEmbed); };
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

  function mount(fig) {
    if (fig.dataset.state) return;
    fig.dataset.state = "loading";
    var live = fig.querySelector(".fig-live");
    var stat = fig.querySelector(".fig-static");
    loadRuntime(fig.dataset.runtime).then(function (vegaEmbed) {
      var isDark = dark();
      var url = isDark ? fig.dataset.specDark : fig.dataset.spec;
      return fetch(url).then(function (r) { return r.json(); }).then(function (spec) {
        live.hidden = false;
        return vegaEmbed(live, spec, {
          mode: "vega", renderer: "svg", actions: false,
          ast: true,  // expressions run in Vega's interpreter, not eval(): the CSP forbids eval
          defaultStyle: false,  // no injected <style>: the CSP allows only site.css
          tooltip: { theme: isDark ? "dark" : "light", disableDefaultStyle: true },
          width: liveWidth(live)
        });
      }).then(function (res) {
        if (fig._view) fig._view.finalize();
        fig._view = res.view;
        fig.dataset.scheme = isDark ? "dark" : "light";
        var svg = live.querySelector("svg");
        if (svg) {
          svg.setAttribute("role", "img");
          svg.setAttribute("aria-label", fig.dataset.alt || "");
        }
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
        if (fig._view) fig._view.width(liveWidth(live)).runAsync();
      });
    }, 150);
  }

  function init() {
    window.addEventListener("resize", resize);
    var figs = document.querySelectorAll("figure.fig[data-spec]");
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

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
