/** CREATE / ALTER / DESCRIBE / SHOW / DROP IMAGE REPOSITORY, and SHOW IMAGES IN IMAGE REPOSITORY. */
export {
  createRepository, describeRepository, dropRepository, repositoryPath, setRepositoryComment, showImages, showRepositories,
  type ImageRepositoryDescription, type ImageRow, type RepositoryKey,
} from "../objects/image-repositories/image-repositories";
