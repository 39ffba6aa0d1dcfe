import { Field, ObjectType, registerEnumType } from "type-graphql";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";

export enum PrincipalKind {
  OPERATOR = "OPERATOR",
  CLIENT = "CLIENT",
  PARTNER = "PARTNER",
}
registerEnumType(PrincipalKind, {
  name: "PrincipalKind",
  description: "Who is calling.",
  valuesConfig: {
    OPERATOR: { description: "EOR staff: every client." },
    CLIENT: { description: "A client's own user or tool: one client." },
    PARTNER: { description: "An ATS/HRIS integration granted a list of clients." },
  },
});

@ObjectType({ description: "The authenticated caller." })
export class Viewer {
  @Field(() => PrincipalKind, { description: "The caller's kind." })
  kind!: PrincipalKind;

  @Field(() => String, { description: "The token's subject (user or integration id)." })
  subject!: string;

  @MaxItems(LIST_LIMITS.scopes)
  @Field(() => [String], { description: `Scopes granted by the token, e.g. \`workers:read\`. At most ${LIST_LIMITS.scopes} (the known scopes).` })
  scopes!: string[];

  @Field(() => Boolean, { description: "True when the caller may act for every client (OPERATOR)." })
  allClients!: boolean;
}
