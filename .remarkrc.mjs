// Editor support: checks each entry's front matter against the schema of its kind as you type,
// with the remark extension of VS Code (unifiedjs.vscode-remark) or `npx remark activities/`.
// The schemas are those the site publishes, with every allowed value: `python build.py` writes
// them to site/schemas/. Install the plugins once, see CONTRIBUTING.md, "Completion and checks
// in your editor".
import remarkFrontmatter from "remark-frontmatter";
import remarkLintFrontmatterSchema from "remark-lint-frontmatter-schema";

export default {
  plugins: [
    remarkFrontmatter,
    [remarkLintFrontmatterSchema, {
      schemas: {
        "./site/schemas/activity.schema.json": ["./activities/*.md"],
        "./site/schemas/lesson.schema.json": ["./lessons/*.md"],
        "./site/schemas/learning_route.schema.json": ["./learning_routes/*.md"],
        "./site/schemas/request.schema.json": ["./requests/*.md"],
        "./site/schemas/offer.schema.json": ["./offers/*.md"],
      },
    }],
  ],
};
