// Entry point of the dashboard's own scripts. Everything the .NET side calls lives on window.schedulerDashboard.
import { markConnected, watchReconnection } from "./connection.js";
import { rememberTheme } from "./theme.js";
import { followLog } from "./log-follow.js";

window.schedulerDashboard = Object.assign(window.schedulerDashboard ?? {}, {
  markConnected,
  rememberTheme,
  followLog,
});

watchReconnection(document);
