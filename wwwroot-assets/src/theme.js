// The light/dark choice is a cookie so the server can render the right theme on the very first paint.
export function rememberTheme(cookieName, value) {
  const basePath = new URL(document.baseURI).pathname;
  const oneYear = 60 * 60 * 24 * 365;
  document.cookie = `${cookieName}=${value}; path=${basePath}; max-age=${oneYear}; samesite=lax`;
}
