/** An image placed in a repository under a name and tag (`docker push`, or a registry copy by digest): the Image resource. */
export { imageRepositoryPath, localImageId, parsePlatformImage, putImage, readTag, removeTag, resolvePlatformImage, type ImageTarget, type PutResult } from "../objects/images/images";
