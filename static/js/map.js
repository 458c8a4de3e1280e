// The partnership map (partnerships/map.html), drawn with Leaflet.
//
// No tile server by default (privacy, and it works offline): Sweden is drawn from the portal's
// own municipality and region shapes, the world from Natural Earth (world-atlas). The numbers
// come from `partnerships:map_data`, filtered exactly like the list. Without JavaScript the
// page still has the filter form, the text summary and the link to the list.
//
// The Content-Security-Policy forbids inline styles: every colour is a class in css/map.css,
// and content is built as DOM nodes, never as HTML strings (names come from the database).
(function () {
  "use strict";

  const container = document.getElementById("map");
  if (!container || !window.L || !L.markerClusterGroup || !window.topojson || !window.fetch) {
    return;
  }

  const form = document.getElementById("map-filters");
  const summary = document.getElementById("map-summary");
  const listLink = document.getElementById("map-list-link");
  const controls = document.getElementById("map-controls");
  const shadingControls = document.getElementById("map-shading");
  const legend = document.getElementById("map-legend");
  const legendHeading = document.getElementById("map-legend-heading");
  const legendItems = document.getElementById("map-legend-items");
  const config = container.dataset; // URLs and translated labels from the template

  const SWEDEN_BOUNDS = L.latLngBounds([55.3, 10.9], [69.1, 24.2]);
  const WORLD_BOUNDS = L.latLngBounds([-38, -95], [62, 145]);
  const SWEDEN_SHAPE = "752"; // ISO 3166-1 numeric, the key of Sweden in world-atlas
  const ANTARCTICA_SHAPE = "010"; // a fifth of a Mercator world map, and no partners there
  const SHADES = 5; // classes map-shade-1 … map-shade-5 in css/map.css

  const state = { view: "sweden", shading: "municipalities", data: null };
  let popupSource = null; // the marker whose popup is open, to return the focus to
  const shapes = { municipalities: null, regions: null, world: null };

  // --- Small helpers ------------------------------------------------------------------------

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? values[key] : match));
  }

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(
      (response) => {
        if (!response.ok) {
          const error = new Error("HTTP " + response.status);
          error.status = response.status;
          throw error;
        }
        return response.json();
      }
    );
  }

  // Up to five classes whose bounds grow by a constant ratio: a few places have many
  // partnerships and most have a few, so equal steps would paint nearly all in one shade.
  function classBounds(max) {
    const uppers = [];
    for (let i = 1; i <= SHADES && max > 0; i++) {
      const previous = uppers.length ? uppers[uppers.length - 1] : 0;
      const upper = Math.max(Math.round(Math.pow(max, i / SHADES)), previous + 1);
      uppers.push(Math.min(upper, max));
      if (upper >= max) {
        break;
      }
    }
    return uppers;
  }

  function shadeOf(count, uppers) {
    if (!count) {
      return "map-shade-0";
    }
    const index = uppers.findIndex((upper) => count <= upper);
    return "map-shade-" + (index + 1 + SHADES - uppers.length);
  }

  function maxCount(entries) {
    return Object.values(entries).reduce((max, entry) => Math.max(max, entry.count), 0);
  }

  function showLegend(heading, uppers, extra) {
    legendHeading.textContent = heading;
    const items = [["map-shade-0", config.labelLegendZero]];
    uppers.forEach((upper, index) => {
      const lower = index ? uppers[index - 1] + 1 : 1;
      items.push([shadeOf(upper, uppers), lower === upper ? String(upper) : lower + "–" + upper]);
    });
    if (extra) {
      items.push(extra);
    }
    legendItems.replaceChildren(
      ...items.map(([shade, text]) => {
        const item = element("li");
        const swatch = element("span", "map-legend-swatch " + shade);
        swatch.setAttribute("aria-hidden", "true");
        item.append(swatch, text);
        return item;
      })
    );
    legend.hidden = false;
  }

  // --- The map ------------------------------------------------------------------------------

  container.replaceChildren(); // the "needs JavaScript" note
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const map = L.map(container, {
    zoomControl: false,
    zoomSnap: 0.25,
    minZoom: 1,
    maxZoom: 12,
    // Visitors who asked their system for less motion get no fading or flying.
    fadeAnimation: !still,
    zoomAnimation: !still,
    markerZoomAnimation: !still,
  });
  L.control.zoom({ zoomInTitle: config.labelZoomIn, zoomOutTitle: config.labelZoomOut }).addTo(map);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution }).addTo(map);
  }
  map.fitBounds(SWEDEN_BOUNDS);

  const sweden = L.layerGroup().addTo(map);
  const swedenShapes = L.layerGroup().addTo(sweden);
  const world = L.layerGroup();

  // A div icon that screen readers can name: Leaflet gives it role=button and tabindex=0.
  const CountIcon = L.DivIcon.extend({
    createIcon(oldIcon) {
      const icon = L.DivIcon.prototype.createIcon.call(this, oldIcon);
      icon.setAttribute("aria-label", this.options.label);
      return icon;
    },
  });

  function countIcon(count, label, className) {
    const size = Math.round(26 + Math.min(18, Math.log2(count) * 3));
    return new CountIcon({
      html: String(count),
      className: "map-marker " + className,
      iconSize: [size, size],
      label: label,
    });
  }

  const clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    animate: !still,
    maxClusterRadius: 40,
    // A cluster shows how many partnerships, not how many organisations, it holds.
    iconCreateFunction(cluster) {
      const markers = cluster.getAllChildMarkers();
      const count = markers.reduce((sum, marker) => sum + marker.options.count, 0);
      return countIcon(count, fill(config.labelCluster, { count: count }), "map-cluster");
    },
  }).addTo(sweden);

  function popupContent(organisation) {
    const root = element("div");
    const heading = element("h2", "map-popup-heading", organisation.label);
    heading.tabIndex = -1;
    const list = element("ul", "map-popup-list");
    organisation.partnerships.forEach((partnership) => {
      const item = element("li");
      const link = element("a", "", partnership.title);
      link.href = partnership.url;
      const details = " · " + partnership.country + ", " + partnership.years;
      item.append(link, element("span", "", details));
      list.append(item);
    });
    const more = organisation.count > organisation.partnerships.length;
    const listLinkNode = element("a", "", more ? config.labelMore : config.labelList);
    listLinkNode.href = organisation.list_url;
    const footer = element("p", "mb-0");
    footer.append(listLinkNode);
    root.append(heading, list, footer);
    return root;
  }

  function drawMarkers() {
    clusters.clearLayers();
    clusters.addLayers(
      state.data.organisations
        .filter((organisation) => organisation.lat !== null && organisation.lon !== null)
        .map((organisation) =>
          L.marker([organisation.lat, organisation.lon], {
            icon: countIcon(organisation.count, organisation.label, ""),
            count: organisation.count,
            keyboard: true,
          })
            .bindPopup(() => popupContent(organisation), { maxWidth: 340, minWidth: 220 })
            .on("popupopen", (event) => {
              popupSource = event.target;
            })
        )
    );
  }

  function shapeLayer(geojson, options) {
    return L.geoJSON(geojson, {
      attribution: options.attribution,
      style: (feature) => ({ className: "map-shape " + options.shade(feature) }),
      onEachFeature(feature, layer) {
        const text = options.tooltip(feature);
        if (text) {
          layer.bindTooltip(element("span", "", text), { sticky: true });
        }
      },
    });
  }

  function drawSweden() {
    const byMunicipality = state.shading === "municipalities";
    const counts = byMunicipality ? state.data.municipalities : state.data.counties;
    const codeOf = byMunicipality
      ? (feature) => feature.properties.id
      : (feature) => String(feature.properties.l_id).padStart(2, "0");
    const nameOf = (feature) => feature.properties[byMunicipality ? "kom_namn" : "name"];
    const labelOf = (feature) =>
      (counts[codeOf(feature)] || {}).label || fill(config.labelNone, { name: nameOf(feature) });
    const uppers = classBounds(maxCount(counts));
    swedenShapes.clearLayers();
    swedenShapes.addLayer(
      shapeLayer(byMunicipality ? shapes.municipalities : shapes.regions, {
        attribution: "Valmyndigheten, okfse/sweden-geojson",
        shade: (feature) => shadeOf((counts[codeOf(feature)] || {}).count, uppers),
        tooltip: labelOf,
      })
    );
    if (byMunicipality) {
      // County borders over the municipalities, for orientation.
      swedenShapes.addLayer(
        L.geoJSON(shapes.regions, { interactive: false, style: { className: "map-shape-outline" } })
      );
    }
    drawMarkers();
    showLegend(
      byMunicipality ? config.labelLegendMunicipalities : config.labelLegendCounties,
      uppers
    );
  }

  function drawWorld() {
    // Shapes are keyed by ISO numeric id; the few without one (Kosovo) by their name.
    const byShape = {};
    state.data.countries.forEach((country) => {
      if (country.shape) {
        byShape[country.shape] = country;
      }
    });
    const uppers = classBounds(state.data.countries.reduce((max, c) => Math.max(max, c.count), 0));
    const keyOf = (feature) => feature.id || feature.properties.name;
    world.clearLayers();
    world.addLayer(
      shapeLayer(shapes.world, {
        attribution: "Natural Earth",
        shade: (feature) =>
          keyOf(feature) === SWEDEN_SHAPE
            ? "map-shade-home"
            : shadeOf((byShape[keyOf(feature)] || {}).count, uppers),
        tooltip: (feature) =>
          keyOf(feature) === SWEDEN_SHAPE
            ? config.labelLegendSweden
            : (byShape[keyOf(feature)] || {}).label,
      })
    );
    showLegend(config.labelLegendCountries, uppers, ["map-shade-home", config.labelLegendSweden]);
  }

  function draw() {
    if (state.view === "world") {
      drawWorld();
    } else {
      drawSweden();
    }
  }

  // Natural Earth cuts shapes at the antimeridian, yet a few rings (Russia, Fiji) keep a
  // point at -180° beside 179°: drawn as they are, they streak across the whole map.
  function mendAntimeridian(geometry) {
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    polygons.forEach((polygon) =>
      polygon.forEach((ring) => {
        const longitudes = ring.map((point) => point[0]);
        if (Math.max(...longitudes) - Math.min(...longitudes) > 180) {
          ring.forEach((point) => {
            point[0] = point[0] < 0 ? point[0] + 360 : point[0];
          });
        }
      })
    );
  }

  function worldShapes() {
    if (shapes.world) {
      return Promise.resolve(shapes.world);
    }
    return getJson(config.worldUrl).then((topology) => {
      const countries = topojson.feature(topology, topology.objects.countries);
      countries.features = countries.features.filter((f) => f.id !== ANTARCTICA_SHAPE);
      countries.features.forEach((feature) => mendAntimeridian(feature.geometry));
      shapes.world = countries;
      return countries;
    });
  }

  function showView(view) {
    const ready = view === "world" ? worldShapes() : Promise.resolve();
    return ready.then(() => {
      state.view = view;
      controls.querySelectorAll("[data-map-view]").forEach((button) => {
        button.setAttribute("aria-pressed", String(button.dataset.mapView === view));
      });
      shadingControls.hidden = view !== "sweden";
      map.closePopup();
      if (view === "world") {
        map.removeLayer(sweden);
        map.addLayer(world);
        map.fitBounds(WORLD_BOUNDS);
      } else {
        map.removeLayer(world);
        map.addLayer(sweden);
        map.fitBounds(SWEDEN_BOUNDS);
      }
      draw();
    });
  }

  function failed() {
    summary.textContent = config.labelError;
  }

  // --- Keyboard and focus -------------------------------------------------------------------

  map.on("popupopen", (event) => {
    const close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
    if (close) {
      close.setAttribute("aria-label", config.labelClose);
      close.title = config.labelClose;
    }
    // Into the popup, so keyboard users reach its links before the other markers.
    const heading = event.popup.getElement().querySelector(".map-popup-heading");
    if (heading) {
      heading.focus({ preventScroll: true });
    }
  });

  function returnFocus() {
    const icon = popupSource && popupSource.getElement();
    if (icon && document.body.contains(icon)) {
      icon.focus({ preventScroll: true });
    }
    popupSource = null;
  }

  // Escape closes a popup wherever the focus is inside the map (Leaflet's own handler only
  // listens while the map container itself has the focus) and goes back to its marker.
  container.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && popupSource && popupSource.isPopupOpen()) {
      event.preventDefault();
      map.closePopup();
      returnFocus();
    }
  });

  container.addEventListener("click", (event) => {
    if (event.target.closest(".leaflet-popup-close-button")) {
      returnFocus();
    }
  });

  // --- Filters ------------------------------------------------------------------------------

  function formQuery() {
    const params = new URLSearchParams();
    new FormData(form).forEach((value, name) => {
      if (value !== "") {
        params.append(name, value);
      }
    });
    return params.toString();
  }

  function withQuery(url, query) {
    return url + (query ? "?" + query : "");
  }

  let pending = 0;

  function applyFilters() {
    const query = formQuery();
    const request = ++pending;
    container.setAttribute("aria-busy", "true");
    return getJson(withQuery(config.dataUrl, query))
      .then((result) => {
        if (request !== pending) {
          return; // a later change already asked for newer data
        }
        state.data = result;
        map.closePopup();
        draw();
        summary.textContent = result.summary;
        listLink.href = withQuery(listLink.getAttribute("href").split("?")[0], query);
        window.history.pushState({ partnershipMap: true }, "", withQuery(form.action, query));
      })
      .catch((error) => {
        // The full page shows an invalid filter next to its field.
        if (error.status === 400) {
          window.location.assign(withQuery(form.action, query));
        } else {
          failed();
        }
      })
      .finally(() => {
        if (request === pending) {
          container.removeAttribute("aria-busy");
        }
      });
  }

  form.addEventListener("change", applyFilters);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    applyFilters();
  });
  // Back and forward: the simplest faithful restore of every field is the page itself.
  window.addEventListener("popstate", () => window.location.reload());

  controls.addEventListener("click", (event) => {
    const button = event.target.closest("[data-map-view]");
    if (button && button.dataset.mapView !== state.view) {
      showView(button.dataset.mapView).catch(failed);
    }
  });
  shadingControls.addEventListener("change", (event) => {
    state.shading = event.target.value;
    drawSweden();
  });

  // --- Start --------------------------------------------------------------------------------

  Promise.all([
    getJson(config.municipalitiesUrl),
    getJson(config.regionsUrl),
    getJson(withQuery(config.dataUrl, window.location.search.slice(1))),
  ])
    .then(([municipalities, regions, result]) => {
      shapes.municipalities = municipalities;
      shapes.regions = regions;
      state.data = result;
      controls.hidden = false;
      draw();
    })
    .catch(failed);
})();
