// The application: an HTTP API (API Gateway v2, payload format 2.0) over one
// DynamoDB table. The same code runs in every environment; what differs
// (table name, environment) comes from the function's environment.
//
//   GET /health       -> 200 {"status":"ok","environment":"dev"}
//   GET /items/{id}   -> 200 the item, or 404
//   PUT /items/{id}   -> 200 the stored item (the JSON body, under "data")
//
// The AWS SDK for JavaScript v3 is part of the Lambda Node.js runtime, so
// nothing is bundled.
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";

const TABLE = process.env.TABLE_NAME;
const ENVIRONMENT = process.env.APP_ENVIRONMENT;
const dynamodb = new DynamoDBClient({});

const json = (statusCode, body) => ({ statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export async function handler(event) {
  const route = event.routeKey;
  if (route === "GET /health") return json(200, { status: "ok", environment: ENVIRONMENT });
  const id = event.pathParameters?.id;
  if (route === "GET /items/{id}") {
    const found = await dynamodb.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: id } } }));
    return found.Item ? json(200, { id, data: JSON.parse(found.Item.data.S) }) : json(404, { message: `no item ${id}` });
  }
  if (route === "PUT /items/{id}") {
    let data;
    try {
      data = JSON.parse(event.isBase64Encoded ? Buffer.from(event.body ?? "", "base64").toString() : (event.body ?? ""));
    } catch {
      return json(400, { message: "the body is not JSON" });
    }
    await dynamodb.send(new PutItemCommand({ TableName: TABLE, Item: { id: { S: id }, data: { S: JSON.stringify(data) } } }));
    return json(200, { id, data });
  }
  return json(404, { message: `no route ${route}` });
}
