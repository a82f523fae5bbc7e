// The dependency graph view: cytoscape draws, pans and zooms; its dagre layout places the nodes. The .NET side
// (DependencyGraphView) imports this module and drives one view per container element; it sends whole graphs
// (draw), coalesced changes (update: new states re-colour without a new layout, new nodes and edges are laid out
// once a burst is over) and the highlighted blocking path.
import cytoscape from "cytoscape";
import dagre from "cytoscape-dagre";

cytoscape.use(dagre);

const views = new Map();
let latest = null;

// A burst of new runs is laid out once it is over, not once per run.
const layoutDelayMs = 250;
const largeGraph = 150;

const nodeWidth = 156;
const nodeHeight = 46;
const nodeSep = 18;
const rankSep = 45;

const layoutOptions = {
  name: "dagre",
  nodeSep,
  rankSep,
  edgeSep: 8,
  animate: false,
  padding: 44,
};

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function colourOf(name) {
  const value = name === "default" ? cssVar("--mud-palette-gray-default") : cssVar(`--mud-palette-${name}`);
  return value || "#888888";
}

// Black or white, whichever reads better on the fill.
function textOn(fill) {
  const probe = document.createElement("canvas").getContext("2d");
  probe.fillStyle = fill;
  const hex = probe.fillStyle;
  if (!hex.startsWith("#") || hex.length !== 7) {
    return "#ffffff";
  }
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.4 ? "#111111" : "#ffffff";
}

function palette() {
  const names = ["primary", "secondary", "info", "success", "warning", "error", "default"];
  const fills = Object.fromEntries(names.map((n) => [n, colourOf(n)]));
  return {
    fills,
    texts: Object.fromEntries(names.map((n) => [n, textOn(fills[n])])),
    edge: cssVar("--mud-palette-text-secondary") || "#777777",
    outline: cssVar("--mud-palette-text-primary") || "#222222",
    highlight: cssVar("--mud-palette-error") || "#c92a2a",
  };
}

function stylesheet(colours) {
  return [
    {
      selector: "node",
      style: {
        shape: "round-rectangle",
        width: nodeWidth,
        height: nodeHeight,
        "background-color": (n) => colours.fills[n.data("color")] ?? colours.fills.default,
        color: (n) => colours.texts[n.data("color")] ?? colours.texts.default,
        label: "data(label)",
        "text-wrap": "wrap",
        "text-max-width": 146,
        "text-valign": "center",
        "text-halign": "center",
        "font-size": 12,
        "font-family": "Inter, Segoe UI, Roboto, Helvetica Neue, Arial, system-ui, sans-serif",
        "border-width": 1,
        "border-color": colours.outline,
        "border-opacity": 0.25,
      },
    },
    {
      selector: "edge",
      style: {
        width: 1.5,
        "line-color": colours.edge,
        "target-arrow-color": colours.edge,
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.9,
        "curve-style": "bezier",
        opacity: 0.7,
      },
    },
    { selector: "edge[?dashed]", style: { "line-style": "dashed" } },
    { selector: ".dimmed", style: { opacity: 0.35 } },
    {
      selector: "node.blocking",
      style: { "border-width": 4, "border-color": colours.highlight, "border-opacity": 1 },
    },
    {
      selector: "edge.blocking",
      style: { width: 4, "line-color": colours.highlight, "target-arrow-color": colours.highlight, opacity: 1, "z-index": 10 },
    },
    {
      selector: "node.selected-run",
      style: { "border-width": 5, "border-color": colours.outline, "border-opacity": 1, "border-style": "double" },
    },
  ];
}

// Left to right or top to bottom, whichever lets the whole graph be drawn larger in this container. The size of
// each is estimated from the longest-path ranks (one pass over the edges), not from laying it out twice.
function chooseDirection(cy, width, height) {
  const rank = new Map();
  const incoming = new Map(cy.nodes().map((n) => [n.id(), n.incomers("edge").length]));
  const ready = cy.nodes().filter((n) => incoming.get(n.id()) === 0).map((n) => n.id());
  ready.forEach((id) => rank.set(id, 0));
  while (ready.length > 0) {
    const id = ready.pop();
    for (const edge of cy.getElementById(id).outgoers("edge")) {
      const next = edge.target().id();
      rank.set(next, Math.max(rank.get(next) ?? 0, rank.get(id) + 1));
      incoming.set(next, incoming.get(next) - 1);
      if (incoming.get(next) === 0) {
        ready.push(next);
      }
    }
  }
  const perRank = new Map();
  rank.forEach((r) => perRank.set(r, (perRank.get(r) ?? 0) + 1));
  const ranks = Math.max(perRank.size, 1);
  const widest = Math.max(...perRank.values(), 1);
  const across = ranks * (nodeWidth + rankSep);
  const down = widest * (nodeHeight + nodeSep);
  const leftToRight = Math.min(width / across, height / down);
  const topToBottom = Math.min(width / (widest * (nodeWidth + nodeSep)), height / (ranks * (nodeHeight + rankSep)));
  return topToBottom > leftToRight ? "TB" : "LR";
}

function toElements(nodes, edges) {
  return [
    ...nodes.map((n) => ({ group: "nodes", data: { ...n } })),
    ...edges.map((e) => ({ group: "edges", data: { ...e } })),
  ];
}

class GraphView {
  constructor(container, dotnet) {
    this.container = container;
    this.dotnet = dotnet;
    this.colours = palette();
    this.layoutMs = 0;
    this.direction = "LR";
    this.pendingLayout = null;
    this.cy = cytoscape({
      container,
      style: stylesheet(this.colours),
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: false,
      autoungrabify: true,
      textureOnViewport: false,
    });
    this.cy.on("tap", "node", (event) => {
      this.dotnet.invokeMethodAsync("OnNodeClicked", event.target.id());
    });
    this.cy.on("mouseover", "node", () => container.classList.add("graph-canvas-pointer"));
    this.cy.on("mouseout", "node", () => container.classList.remove("graph-canvas-pointer"));
    this.surface = cssVar("--mud-palette-surface");
    this.themeCheckPending = false;
    this.themeObserver = new MutationObserver(() => this.checkTheme());
    this.themeObserver.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["class", "style"] });
    this.arrangeWhenShown = false;
    // A graph drawn while its container was still collapsed (the page shows it in the same render) is laid
    // out and fitted once the container has a size.
    this.resizeObserver = new ResizeObserver(() => {
      this.cy.resize();
      if (this.arrangeWhenShown && container.clientHeight > 0) {
        this.arrangeWhenShown = false;
        this.arrange();
      }
    });
    this.resizeObserver.observe(container);
  }

  // MudBlazor rewrites its palette variables when the theme changes; look at most once a frame.
  checkTheme() {
    if (this.themeCheckPending) {
      return;
    }
    this.themeCheckPending = true;
    requestAnimationFrame(() => {
      this.themeCheckPending = false;
      const surface = cssVar("--mud-palette-surface");
      if (surface !== this.surface) {
        this.surface = surface;
        this.colours = palette();
        this.cy.style(stylesheet(this.colours));
      }
    });
  }

  draw(nodes, edges) {
    this.cancelPendingLayout();
    const started = performance.now();
    this.cy.resize();
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(toElements(nodes, edges));
    });
    if (this.container.clientHeight > 0) {
      this.arrange();
    } else {
      this.arrangeWhenShown = true;
    }
    this.layoutMs = performance.now() - started;
    this.markDrawn();
    return this.layoutMs;
  }

  update(states, nodes, edges) {
    this.cy.batch(() => {
      for (const change of states) {
        const node = this.cy.getElementById(change.id);
        if (node.nonempty()) {
          node.data({ state: change.state, color: change.color, label: change.label, waiting: change.waiting });
        }
      }
      const fresh = toElements(
        nodes.filter((n) => this.cy.getElementById(n.id).empty()),
        edges.filter((e) => this.cy.getElementById(e.id).empty()),
      );
      if (fresh.length > 0) {
        this.cy.add(fresh);
      }
    });
    if ((nodes.length > 0 || edges.length > 0) && !this.arrangeWhenShown) {
      this.scheduleLayout();
    }
    this.markDrawn();
  }

  highlight(nodeIds, edgeIds, selectedId) {
    this.cy.batch(() => {
      this.cy.elements().removeClass("blocking dimmed selected-run");
      if (!selectedId) {
        return;
      }
      const lit = this.cy.collection();
      for (const id of nodeIds.concat(edgeIds)) {
        lit.merge(this.cy.getElementById(id));
      }
      const selected = this.cy.getElementById(selectedId);
      lit.addClass("blocking");
      selected.addClass("selected-run");
      this.cy.elements().difference(lit).difference(selected).addClass("dimmed");
    });
  }

  fit() {
    this.cy.resize();
    this.cy.fit(undefined, layoutOptions.padding);
  }

  zoom(factor) {
    const centre = { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 };
    this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: centre });
  }

  arrange() {
    this.direction = chooseDirection(this.cy, this.container.clientWidth, this.container.clientHeight);
    this.layout(true);
  }

  layout(fit) {
    // network-simplex ranks best but grows steeply with size; tight-tree is many times faster on large graphs.
    const ranker = this.cy.nodes().length > largeGraph ? "tight-tree" : "network-simplex";
    this.cy.layout({ ...layoutOptions, rankDir: this.direction, ranker, fit }).run();
    if (fit && this.cy.zoom() > 1.4) {
      this.cy.zoom(1.4);
      this.cy.center();
    }
  }

  scheduleLayout() {
    if (this.pendingLayout === null) {
      this.pendingLayout = setTimeout(() => {
        this.pendingLayout = null;
        this.layout(false);
      }, layoutDelayMs);
    }
  }

  cancelPendingLayout() {
    if (this.pendingLayout !== null) {
      clearTimeout(this.pendingLayout);
      this.pendingLayout = null;
    }
  }

  markDrawn() {
    this.container.dataset.nodeCount = String(this.cy.nodes().length);
    this.container.dataset.edgeCount = String(this.cy.edges().length);
    this.container.dataset.layoutMs = this.layoutMs.toFixed(0);
  }

  dispose() {
    this.cancelPendingLayout();
    this.themeObserver.disconnect();
    this.resizeObserver.disconnect();
    this.cy.destroy();
  }
}

function viewOf(container) {
  const view = views.get(container);
  if (!view) {
    throw new Error("The graph view was not mounted on this element.");
  }
  return view;
}

export function mount(container, dotnet) {
  views.get(container)?.dispose();
  const view = new GraphView(container, dotnet);
  views.set(container, view);
  latest = view;
}

export function draw(container, nodes, edges) {
  return viewOf(container).draw(nodes, edges);
}

export function update(container, states, nodes, edges) {
  viewOf(container).update(states, nodes, edges);
}

export function highlight(container, nodeIds, edgeIds, selectedId) {
  viewOf(container).highlight(nodeIds, edgeIds, selectedId);
}

export function fit(container) {
  viewOf(container).fit();
}

export function zoom(container, factor) {
  viewOf(container).zoom(factor);
}

export function unmount(container) {
  const view = views.get(container);
  if (view) {
    view.dispose();
    views.delete(container);
    if (latest === view) {
      latest = null;
    }
  }
}

// A read-only view of what is drawn, for end-to-end tests and for operators poking at the console.
window.schedulerGraph = {
  get nodeCount() {
    return latest ? latest.cy.nodes().length : 0;
  },
  get edgeCount() {
    return latest ? latest.cy.edges().length : 0;
  },
  get zoom() {
    return latest ? latest.cy.zoom() : 0;
  },
  get layoutMs() {
    return latest ? latest.layoutMs : 0;
  },
  node(id) {
    const node = latest?.cy.getElementById(id);
    if (!node || node.empty()) {
      return null;
    }
    return { id, label: node.data("label"), state: node.data("state"), color: node.data("color"), fill: node.style("background-color") };
  },
  edge(source, target) {
    const edge = latest?.cy.edges().filter((e) => e.source().id() === source && e.target().id() === target);
    return edge && edge.nonempty() ? { id: edge.id(), source, target } : null;
  },
  highlighted() {
    const lit = latest ? latest.cy.elements(".blocking") : null;
    return { nodes: lit ? lit.nodes().map((n) => n.id()) : [], edges: lit ? lit.edges().map((e) => e.id()) : [] };
  },
  // Where a node is in the viewport, in CSS pixels, so a test can click it.
  viewportPosition(id) {
    const node = latest?.cy.getElementById(id);
    if (!node || node.empty()) {
      return null;
    }
    const box = latest.container.getBoundingClientRect();
    const at = node.renderedPosition();
    return { x: box.left + at.x, y: box.top + at.y };
  },
  center(id) {
    const node = latest?.cy.getElementById(id);
    if (node && node.nonempty()) {
      latest.cy.center(node);
    }
  },
};
