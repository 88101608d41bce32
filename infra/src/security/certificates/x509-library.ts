// The one entry to @peculiar/x509. Its dependency injection (tsyringe) needs a Reflect
// metadata polyfill installed before it loads; ES modules evaluate their imports in order, so
// importing the polyfill first here, and the library only through this module, is enough.
import 'reflect-metadata';

export * from '@peculiar/x509';
