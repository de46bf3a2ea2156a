// Builds a schema of the Metadata API types from @salesforce/types'
// metadata.d.ts (generated from the Metadata API WSDL) with the TypeScript
// compiler API. The type checker flattens intersections such as
// `Metadata & {...}`, and arrays, enums and nested types keep their names.
import ts from "typescript";

/** Returns `{ types, enums }` as documented in metadata-schema.mjs. */
export function buildSchema(declarationsPath) {
  // noLib keeps the program small. Array types are read from the syntax
  // (`Foo[]`), so the checker never needs lib.d.ts's Array.
  const program = ts.createProgram([declarationsPath], {
    noLib: true,
    noResolve: true,
    types: []
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(declarationsPath);
  const schema = { types: {}, enums: {} };

  for (const statement of source.statements) {
    if (!ts.isTypeAliasDeclaration(statement)) {
      continue;
    }
    const name = statement.name.text;
    const type = checker.getTypeAtLocation(statement.name);
    const enumValues = stringLiteralValues(type);
    if (enumValues) {
      schema.enums[name] = declaredLiteralValues(statement.type) ?? enumValues;
    } else if (isObjectLike(type)) {
      schema.types[name] = describeFields(checker, type);
    }
  }
  return schema;
}

function describeFields(checker, type) {
  const fields = {};
  for (const property of checker.getPropertiesOfType(type)) {
    const typeNode = property.valueDeclaration?.type;
    if (!typeNode) {
      continue;
    }
    const array = ts.isArrayTypeNode(typeNode);
    const elementNode = array ? typeNode.elementType : typeNode;
    fields[property.name] = {
      ...describeFieldType(checker, elementNode),
      array
    };
  }
  return fields;
}

function describeFieldType(checker, typeNode) {
  const type = checker.getTypeFromTypeNode(typeNode);
  const aliasName = type.aliasSymbol?.name;
  // `any`, and also `Date`: without lib.d.ts the checker cannot resolve it,
  // so date and time values are accepted unchecked.
  if (type.flags & ts.TypeFlags.Any) {
    return { kind: "any" };
  }
  if (type.flags & ts.TypeFlags.BooleanLike) {
    return { kind: "boolean" };
  }
  if (type.flags & ts.TypeFlags.NumberLike) {
    return { kind: "number" };
  }
  if (type.flags & ts.TypeFlags.String) {
    return { kind: "string" };
  }
  const enumValues = stringLiteralValues(type);
  if (enumValues) {
    return aliasName
      ? { kind: "enum", name: aliasName }
      : { kind: "enum", values: enumValues };
  }
  if (isObjectLike(type) && aliasName) {
    return { kind: "object", name: aliasName };
  }
  // NOTE: in @salesforce/types 1.9.0 six properties reach this point,
  // typed with an alias of `unknown` (such as PolicyJsonExpression) or a
  // name that metadata.d.ts never defines. Their content is not checked.
  return { kind: "any" };
}

// Reads a union of string literals from the syntax, which keeps the WSDL's
// order (the checker orders a union by internal type id). Returns null for
// any other shape, such as an alias of another alias.
function declaredLiteralValues(typeNode) {
  const members = ts.isUnionTypeNode(typeNode) ? typeNode.types : [typeNode];
  const literals = members.every(
    (member) =>
      ts.isLiteralTypeNode(member) && ts.isStringLiteral(member.literal)
  );
  return literals ? members.map((member) => member.literal.text) : null;
}

function stringLiteralValues(type) {
  const members = type.isUnion() ? type.types : [type];
  if (!members.every((member) => member.isStringLiteral())) {
    return null;
  }
  return members.map((member) => member.value);
}

function isObjectLike(type) {
  return Boolean(
    type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)
  );
}
