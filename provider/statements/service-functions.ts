/**
 * Service functions (SPCS CREATE FUNCTION … SERVICE= ENDPOINT=): what every front end calls to create,
 * drop, describe and call them. The call is SPCS's batch contract against the service's instances
 * (objects/service-functions/call-service-function.ts).
 */
export {
  createServiceFunction, dropServiceFunction, functionName, getServiceFunction, listServiceFunctions, restoreServiceFunction, signatureOf,
  type FunctionArgument, type FunctionKey, type ServiceFunctionDefinition, type ServiceFunctionRow,
} from "../objects/service-functions/service-functions";
export { callServiceFunction, type FunctionCallContext } from "../objects/service-functions/call-service-function";
export { CONTEXT_FUNCTIONS, type ContextFunction } from "../model/service-function-batches";
