// The package ships a webpack bundle without types; only its Streebog digest is used here.
declare module '@wavesenterprise/crypto-gost-js' {
	interface GostDigest {
		digest(data: ArrayBuffer): ArrayBuffer;
	}
	const bundle: {
		GostEngine: {
			getGostDigest(algorithm: {
				name: 'GOST R 34.11';
				length: 256 | 512;
				version: 2012;
			}): GostDigest;
		};
	};
	export default bundle;
}
