// Swagger UI on the schema the page names. validatorUrl: null keeps it from sending the schema's
// address to validator.swagger.io: the docs page talks to this server only.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    validatorUrl: null,
    deepLinking: true,
  });
})();
