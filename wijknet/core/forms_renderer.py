"""The form renderer: Django's templates through the project's engine, with `<select>` written in
Python.

Rendering a select through Django's templates includes `select_option.html` and `attrs.html` for
every option: a filter form with three choice fields (~70 options) cost ≈3.5 ms per request, a
third of a list page (docs/performance.md). The output here is the same HTML as Django's
`django/forms/widgets/select.html` (tests/test_forms_renderer.py compares the two); options with
another template than Django's default still go through their template.
"""

from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape, format_html

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


class FormRenderer(TemplatesSetting):
    def render(self, template_name, context, request=None):
        if template_name == SELECT:
            widget = context["widget"]
            options = [opt for _, group, _ in widget["optgroups"] for opt in group]
            if all(opt["template_name"] == OPTION for opt in options):
                return self.render_select(widget)
        return super().render(template_name, context, request=request)

    def render_select(self, widget) -> str:
        out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group, _ in widget["optgroups"]:
            if group_name:
                out.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in group:
                out.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return "".join(out)
