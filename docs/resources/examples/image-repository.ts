import * as spcs from "pulumi-spcs";

const repository = new spcs.ImageRepository("app-images", {
  database: "docs_db",
  schema: "public",
  name: "app_images",
  comment: "Images the team builds",
});

// `docker push <repositoryUrl>/<image>:<tag>`; a refresh lists what was pushed, as SHOW IMAGES does.
export const repositoryUrl = repository.repositoryUrl;
export const images = repository.images;
