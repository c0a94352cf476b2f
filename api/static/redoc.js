// /redoc: ReDoc (bundled) over /openapi.json. ReDoc's styled-components add <style> elements: they carry the
// nonce this page's Content-Security-Policy allows (a new one per response), so no other inline style runs.
"use strict";
(function () {
  KG.header("/docs");
  const nonce = document.getElementById("redoc-init").dataset.nonce;
  Redoc.init("/openapi.json", {nonce, hideDownloadButton: false, expandResponses: "200"},
             document.getElementById("redoc"), () => { window.kgRedocReady = true; });
})();
