// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  // Submit the language form as soon as a language is picked.
  document.querySelectorAll(".language-form select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
