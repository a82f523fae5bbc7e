// Bundles the dashboard's scripts and styles into the Dashboard's web root. Run by the Dashboard's build
// (see Scheduler.Dashboard.csproj) whenever a file here is newer than the bundle.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(here, "../src/Dashboard/wwwroot/assets");

await build({
  entryPoints: {
    app: path.join(here, "src/app.js"),
    graph: path.join(here, "src/graph.js"),
    "app-styles": path.join(here, "src/app.css"),
  },
  outdir,
  bundle: true,
  format: "esm",
  minify: true,
  sourcemap: true,
  target: ["chrome120", "firefox120", "safari17"],
  logLevel: "warning",
});
console.log(`assets built into ${outdir}`);
