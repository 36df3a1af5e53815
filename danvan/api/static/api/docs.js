// Swagger UI on the schema the page names, inside the site's page. validatorUrl: null keeps it from
// sending the schema's address to validator.swagger.io: the docs page talks to this server only.
// No deep links: they put a link inside each operation's button (interactive inside interactive,
// which screen readers and axe-core refuse). Our own layout replaces Swagger UI's, which draws a
// second <main> and an English information block: the page has its own heading and introduction.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");

  function DanVanLayoutPlugin(system) {
    var h = system.React.createElement;
    function DanVanLayout(props) {
      var c = props.getComponent;
      var spec = props.specSelectors;
      var Errors = c("errors", true);
      var status = spec.loadingStatus();
      if (status === "loading" || !spec.specStr()) {
        return h("div", { className: "swagger-ui" }, h("p", { className: "loading-container" }, "…"));
      }
      if (status === "failed" || status === "failedConfig") {
        return h("div", { className: "swagger-ui" }, h(Errors, null));
      }
      var SvgAssets = c("SvgAssets");
      var Authorize = c("AuthorizeBtnContainer", true);
      var Operations = c("operations", true);
      var Models = c("Models", true);
      return h(
        "div",
        { className: "swagger-ui" },
        h(SvgAssets, null),
        h(Errors, null),
        spec.securityDefinitions()
          ? h("div", { className: "scheme-container" }, h("div", { className: "schemes wrapper" }, h(Authorize, null)))
          : null,
        h("div", { id: "operations" }, h(Operations, null)),
        h(Models, null)
      );
    }
    return { components: { DanVanLayout: DanVanLayout } };
  }

  window.ui = SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    validatorUrl: null,
    deepLinking: false,
    plugins: [DanVanLayoutPlugin],
    layout: "DanVanLayout",
  });
})();
