// /docs: Swagger UI (bundled) over /openapi.json. Nothing is fetched from elsewhere: no validator badge
// (it would ask validator.swagger.io), no remote presets.
"use strict";
(function () {
  KG.header("/docs");
  window.kgSwagger = SwaggerUIBundle({  // for the end-to-end test and the console
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    validatorUrl: null,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
})();
