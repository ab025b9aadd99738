// Lint: what the type checker does not catch (unused values, useless
// assignments, suspicious regular expressions, undefined globals in plain
// JavaScript). `npm test` runs it after tsc, so CI does too.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["node_modules/", "**/cdktf.out/", ".preview/", ".sandbox/", ".cache/", "state/", "hcl.out/", "coverage/", ".gen/", "**/.terraform/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // Tests match command output whose exact spacing is the point; "  " reads as it prints.
      "no-regex-spaces": "off",
      // Synthesized JSON read back in tests is navigated freely.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    // Plain JavaScript (scripts/run.cjs, the bin shim) runs in Node; TypeScript files are checked by tsc instead.
    files: ["**/*.cjs", "**/*.mjs", "**/*.js"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
